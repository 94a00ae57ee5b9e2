import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEventBatchDir } from "../src/generate/output.js";

// The CLI runs from dist/ (the test script builds first).
function cli(args: string[]) {
  return spawnSync(process.execPath, ["dist/cli/main.js", ...args], { encoding: "utf8" });
}

describe("dnreach generate (CLI)", () => {
  it("signal --json prints the documented keys and --out writes a batch whose weights sum to σ", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dnreach-gen-"));
    try {
      const out = join(dir, "sig");
      const r = cli([
        "generate",
        "signal",
        "--mN",
        "0.3",
        "--mZD",
        "0.1",
        "--U2",
        "1e-4",
        "--alpha-eps2",
        "2e-10",
        "--gD",
        "0.25",
        "--sqrt-s",
        "13000",
        "-n",
        "4000",
        "--seed",
        "1",
        "--workers",
        "0",
        "--warmup-points",
        "2000",
        "--out",
        out,
        "--json",
      ]);
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as Record<string, number>;
      expect(Object.keys(j).sort()).toEqual(
        [
          "kFactor",
          "nEvents",
          "sigmaErrPb",
          "sigmaLOPb",
          "sigmaPb",
          "sigmaProductionLOPb",
          "sigmaProductionPb",
        ].sort(),
      );
      // σ = k σ_LO exactly; BR(Z_D → ee) = 1 at m_ZD = 0.1 GeV so σ_production = σ (paper Sec. II).
      expect(j.sigmaPb! / j.sigmaLOPb!).toBeCloseTo(j.kFactor!, 12);
      expect(j.sigmaProductionPb! / j.sigmaPb!).toBeCloseTo(1, 12);
      const { batch, info } = await readEventBatchDir(out);
      expect(batch.nEvents).toBe(j.nEvents);
      let sum = 0;
      for (let e = 0; e < batch.nEvents; e++) sum += batch.weight[e]!;
      // Σ weights = σ up to summation order (1e-9 relative).
      expect(sum / j.sigmaPb!).toBeCloseTo(1, 9);
      expect(info.sigmaPb).toBe(j.sigmaPb);
      expect(batch.offsets[batch.nEvents]).toBe(9 * batch.nEvents);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("w-lnu --json prints {sigmaPb, sigmaErrPb, sigmaLOPb, kFactor, nEvents}; bad input names the option", () => {
    const r = cli(["generate", "w-lnu", "-n", "3000", "--workers", "0", "--warmup-points", "2000", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(j).sort()).toEqual(["kFactor", "nEvents", "sigmaErrPb", "sigmaLOPb", "sigmaPb"]);
    // k-normalised σ(W → μν) ≈ 20.62 nb (ATLAS PLB 759 (2016) 601); 4 MC errors.
    expect(Math.abs(j.sigmaPb! - 20620)).toBeLessThan(4 * j.sigmaErrPb! + 0.002 * 20620);
    const bad = cli(["generate", "signal", "--mN", "0.3", "--mZD", "0.5", "-n", "10"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/mZD/);
    const badScale = cli(["generate", "w-lnu", "--scale", "fixed:abc", "-n", "10"]);
    expect(badScale.status).toBe(2);
    expect(badScale.stderr).toMatch(/scale/);
  });
});
