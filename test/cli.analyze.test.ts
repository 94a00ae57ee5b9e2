/**
 * `dnreach analyze` (src/cli/analyze.ts) on a tiny generated signal sample: the documented --json
 * keys, yields in events at --lumi (N = σ L, 1 fb⁻¹ = 1000 pb⁻¹), histogram files, text output and
 * errors. The CLI runs from dist/ (the test script builds first).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

function cli(args: string[]) {
  return spawnSync(process.execPath, ["dist/cli/main.js", ...args], { encoding: "utf8" });
}

let dir = "";
let sample = "";
let sigmaPb = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dnreach-analyze-"));
  sample = join(dir, "sig");
  const g = cli([
    "generate",
    "signal",
    "--mN",
    "1",
    "--mZD",
    "0.3",
    "-n",
    "2000",
    "--seed",
    "2",
    "--workers",
    "0",
    "--warmup-points",
    "1000",
    "--warmup-iterations",
    "2",
    "--out",
    sample,
    "--json",
  ]);
  expect(g.status, g.stderr).toBe(0);
  sigmaPb = (JSON.parse(g.stdout) as { sigmaPb: number }).sigmaPb;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dnreach analyze (CLI)", () => {
  it("--json: lumiInvFb, cutflow [{cut, yield, yieldErr}] in events at the luminosity, per-process flows, histograms", () => {
    const out = join(dir, "h");
    const r = cli(["analyze", sample, "--card", "paper", "--lumi", "150", "--json", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      lumiInvFb: number;
      card: string;
      cutflow: { cut: string; yield: number; yieldErr: number }[];
      cutflowsByProcess: { process: string; rows: unknown[] }[];
      histograms: Record<string, { sumW: number[] }>;
      files: string[];
    };
    expect(j.lumiInvFb).toBe(150);
    expect(j.card).toBe("paper");
    for (const row of j.cutflow)
      expect(Object.keys(row)).toEqual(expect.arrayContaining(["cut", "yield", "yieldErr"]));
    // First row: every entry of every event, Σw = σ of the sample, so yield = σ × 150 × 1000
    // (relative 1e-9: compensated sums of the same weights in two orders).
    expect(j.cutflow[0]!.cut).toBe("all");
    expect(j.cutflow[0]!.yield / (sigmaPb * 150e3)).toBeCloseTo(1, 9);
    expect(j.cutflow.map((c) => c.cut)).toEqual([
      "all",
      "nLeptons",
      "electronPt",
      "muonPt",
      "absEta",
      "leadingPt",
      "mll",
      "htCharged",
      "prompt",
      "dPhi",
      "dR",
      "m3l",
      "pt3l",
    ]);
    const last = j.cutflow[j.cutflow.length - 1]!;
    expect(last.yield).toBeGreaterThan(0);
    expect(j.cutflowsByProcess.map((f) => f.process).at(-1)).toBe("all");
    expect(Object.keys(j.histograms)).toEqual(
      expect.arrayContaining(["pt1", "mll", "m3l", "displacementMm"]),
    );
    expect(existsSync(join(out, "histograms.json"))).toBe(true);
    const csv = readFileSync(join(out, "histograms.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("histogram,lo,hi,events,eventsErr");
    // Luminosity scaling: yields ∝ L exactly.
    const r2 = cli(["analyze", sample, "--lumi", "300", "--json"]);
    const j2 = JSON.parse(r2.stdout) as { cutflow: { yield: number }[] };
    expect(j2.cutflow.at(-1)!.yield / last.yield).toBeCloseTo(2, 12);
  });

  it("prints a text cut flow, and the 1 GeV electron variant keeps at least as much as 5 GeV", () => {
    const r = cli(["analyze", sample, "--selection", "baseline", "--channel", "ee"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cut flow: .* at 150 fb\^-1/);
    expect(r.stdout).toMatch(/channel-ee/);
    const y = (extra: string[]) =>
      (
        JSON.parse(cli(["analyze", sample, "--selection", "baseline", "--json", ...extra]).stdout) as {
          cutflow: { yield: number }[];
        }
      ).cutflow.at(-1)!.yield;
    expect(y(["--electron-pt-min", "1"])).toBeGreaterThanOrEqual(y([]));
  });

  it("bad inputs exit with code 2 and name the problem", () => {
    const missing = cli(["analyze", join(dir, "nope")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/input/);
    const card = cli(["analyze", sample, "--card", "nonsense"]);
    expect(card.status).toBe(2);
    expect(card.stderr).toMatch(/card/);
    const sel = cli(["analyze", sample, "--selection", "tight"]);
    expect(sel.status).not.toBe(0);
  });
});
