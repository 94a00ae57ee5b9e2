import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "..", "dist", "cli", "main.js");

describe("dnreach plot fig6…fig9 --limits (figures from a reproduce run)", () => {
  it("draws Fig. 7 from a limits.json, null limits (no sensitivity) included", () => {
    const dir = mkdtempSync(join(tmpdir(), "dnreach-plotlim-"));
    const rec = (mZD: number, analysis: string, u: number | null) => ({
      scenario: "run2",
      analysis,
      channel: "combined",
      mN: 3 * mZD,
      mZD,
      alphaEps2: 2e-10,
      U2Excl: u,
      U2ExclLow: u,
      U2ExclHigh: u,
    });
    const limits = [
      rec(0.1, "prompt", 1e-6),
      rec(0.3, "prompt", 1e-7),
      rec(0.1, "displaced", null),
      rec(0.3, "displaced", 2e-6),
    ];
    const file = join(dir, "limits.json");
    writeFileSync(file, JSON.stringify(limits));
    const r = spawnSync(process.execPath, [CLI, "plot", "fig7", "--limits", file, "--out", dir], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(dir, "fig7.png"))).toBe(true);
    expect(readFileSync(join(dir, "fig7.svg"), "utf8")).toContain("m_Z_D [GeV]");
  });

  it("a missing limits file is a clear error naming --limits (exit 2, no stack trace)", () => {
    const r = spawnSync(
      process.execPath,
      [CLI, "plot", "fig6", "--limits", "/nonexistent/limits.json", "--out", tmpdir()],
      {
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--limits must be/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
