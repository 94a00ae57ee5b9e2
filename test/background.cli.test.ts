/**
 * `dnreach generate wgamma | zll | ttbar` end to end (spawns the built CLI; the test script builds
 * first): JSON shape, k-factor bookkeeping, same seed → same numbers, and bad input named.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const main = join(import.meta.dirname, "..", "dist", "cli", "main.js");
const run = (...args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: "utf8" });
const small = [
  "-n",
  "3000",
  "--seed",
  "5",
  "--workers",
  "0",
  "--warmup-points",
  "1000",
  "--warmup-iterations",
  "2",
  "--json",
];

interface Out {
  sigmaPb: number;
  sigmaErrPb: number;
  sigmaLOPb: number;
  kFactor: number;
  nEvents: number;
}

describe("dnreach generate (backgrounds)", () => {
  it("wgamma --json gives {sigmaPb, sigmaErrPb, sigmaLOPb, kFactor, nEvents} with σ = k σ_LO, reproducibly", () => {
    // Definition of the normalisation (σ = k × σ_LO, k the W k-factor 20620/15464.86 of
    // src/generate/kfactors.ts); identical output for the same seed (DESIGN: reproducibility).
    const a = run("generate", "wgamma", "--charge", "minus", "--pair", "e", ...small);
    expect(a.status, a.stderr).toBe(0);
    const j = JSON.parse(a.stdout) as Out;
    expect(Object.keys(j).sort()).toEqual(["kFactor", "nEvents", "sigmaErrPb", "sigmaLOPb", "sigmaPb"]);
    expect(j.kFactor).toBeCloseTo(20620 / 15464.86, 10);
    expect(j.sigmaPb).toBeCloseTo(j.kFactor * j.sigmaLOPb, 10);
    expect(j.nEvents).toBeGreaterThan(0);
    const b = run("generate", "wgamma", "--charge", "minus", "--pair", "e", ...small);
    expect(b.stdout).toBe(a.stdout);
  });

  it("wgamma --region core|shell|halo|outside: parts of phase space that add up to --region all", () => {
    // Partition (src/generate/background/wregion.ts): σ(core) + σ(shell) + σ(halo) + σ(outside) =
    // σ(all); tolerance 4 combined MC standard errors of the five independent runs. Bad values of
    // --region and --adapt-to are named.
    const sig = (region: string): Out => {
      const r = run(
        "generate",
        "wgamma",
        "--region",
        region,
        ...small.map((a) => (a === "3000" ? "20000" : a)),
      );
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Out;
    };
    const parts = ["core", "shell", "halo", "outside"].map(sig);
    const all = sig("all");
    const sum = parts.reduce((a, p) => a + p.sigmaPb, 0);
    const err = Math.hypot(all.sigmaErrPb, ...parts.map((p) => p.sigmaErrPb));
    expect(parts[0]!.sigmaPb).toBeGreaterThan(0);
    expect(Math.abs(sum - all.sigmaPb)).toBeLessThan(4 * err);
    const bad = run("generate", "wgamma", "--region", "inside", ...small);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--region/);
    const badAdapt = run("generate", "wgamma", "--region", "core", "--adapt-to", "signal", ...small);
    expect(badAdapt.status).not.toBe(0);
    expect(badAdapt.stderr).toMatch(/--adapt-to/);
  });

  it("ttbar and zll use their own k-factors (Top++ 831.76 pb, ATLAS 1.981 nb over σ_LO)", () => {
    const t = run("generate", "ttbar", ...small);
    expect(t.status, t.stderr).toBe(0);
    const jt = JSON.parse(t.stdout) as Out;
    expect(jt.kFactor).toBeGreaterThan(1.5); // 831.76 / 379.1 = 2.19 at the default settings
    expect(jt.kFactor).toBeLessThan(3);
    const z = run(
      "generate",
      "zll",
      "--lepton",
      "mu",
      "--pair",
      "e",
      "-n",
      "500",
      "--seed",
      "1",
      "--workers",
      "0",
      "--warmup-points",
      "200",
      "--warmup-iterations",
      "1",
      "--json",
    );
    expect(z.status, z.stderr).toBe(0);
    expect((JSON.parse(z.stdout) as Out).kFactor).toBeCloseTo(1981 / 1447.2, 2); // σ_LO(66–116) = 1447.2 pb
  });

  it("--weight-floor thins light events: fewer events, the same σ, the floor in the JSON", () => {
    // σ is the weighted estimate from every point (the floor acts after it), so it is identical
    // for the same seed; the kept events are fewer (partial unweighting, generate.ts weightFloor).
    const plain = run("generate", "wgamma", "--region", "core", ...small);
    const floored = run("generate", "wgamma", "--region", "core", "--weight-floor", "1", ...small);
    expect(plain.status, plain.stderr).toBe(0);
    expect(floored.status, floored.stderr).toBe(0);
    const a = JSON.parse(plain.stdout) as Out;
    const b = JSON.parse(floored.stdout) as Out & { weightFloor: { floorPb: number; keptFraction: number } };
    expect(b.sigmaPb).toBe(a.sigmaPb);
    expect(b.nEvents).toBeLessThan(a.nEvents);
    expect(b.weightFloor.keptFraction).toBeCloseTo(b.nEvents / 3000, 12);
    expect(b.weightFloor.floorPb).toBeGreaterThan(0);
    const bad = run("generate", "wgamma", "--weight-floor", "-1", ...small);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/weight-floor/);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it("rejects bad --cuts and --pair values, naming the option", () => {
    const c = run("generate", "wgamma", "--cuts", "ptMin=-2", ...small);
    expect(c.status).not.toBe(0);
    expect(c.stderr).toMatch(/cuts\.ptMin/);
    const p = run("generate", "zll", "--pair", "tau", ...small);
    expect(p.status).not.toBe(0);
    expect(p.stderr).toMatch(/pair/);
  });
});
