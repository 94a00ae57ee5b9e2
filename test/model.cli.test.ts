import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { darkNeutrinoModel, PAPER_BENCHMARK } from "../src/model/darkNeutrino.js";

// The CLI runs from the built output (`npm test` builds first).
const MAIN = new URL("../dist/cli/main.js", import.meta.url).pathname;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BENCH = ["--mN", "0.3", "--mZD", "0.1", "--U2", "1e-4", "--alpha-eps2", "2e-10", "--gD", "0.25"];

describe("dnreach model", () => {
  it("--json prints one object with the issue's required keys, equal to the library's numbers", () => {
    // Reference: the CLI contract; the library (src) and the CLI (dist) run the same code, so
    // the numbers agree to JSON round-trip precision (relative 1e-15).
    const r = run(["model", ...BENCH, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const lib = darkNeutrinoModel(PAPER_BENCHMARK);
    for (const k of ["N_to_nuZD", "ZD_to_ee", "ZD_to_mumu", "ZD_to_tautau", "ZD_to_hadrons"] as const) {
      expect(typeof out.widthsGeV[k]).toBe("number");
      expect(out.widthsGeV[k]).toBeCloseTo(lib.widthsGeV[k], 25);
    }
    for (const k of ["ee", "mumu", "tautau", "hadrons"] as const) expect(out.brZD[k]).toBe(lib.brZD[k]);
    expect(out.ctauMm.N / lib.ctauMm.N).toBeCloseTo(1, 15);
    expect(out.ctauMm.ZD / lib.ctauMm.ZD).toBeCloseTo(1, 15);
  });

  it("--eps is converted with α(0); --majorana doubles Γ(N_D); --p adds lab decay lengths", () => {
    // Reference: αε² = α(0)ε² (α(0) = 1/137.036, constants.ts); Majorana factor 2 (widths.ts);
    // L = (p/m)cτ. Tolerances: 1e-12 relative (formatting-free JSON numbers).
    const eps = run(["model", "--mN", "0.3", "--mZD", "0.1", "--U2", "1e-4", "--eps", "1e-4", "--json"]);
    expect(JSON.parse(eps.stdout).params.alphaEps2 / (1e-8 / 137.035999177)).toBeCloseTo(1, 12);
    const dirac = JSON.parse(run(["model", ...BENCH, "--json"]).stdout);
    const maj = JSON.parse(run(["model", ...BENCH, "--majorana", "--p", "40", "--json"]).stdout);
    expect(maj.widthsGeV.N_to_nuZD / dirac.widthsGeV.N_to_nuZD).toBeCloseTo(2, 12);
    expect(maj.labDecayLengthMm.ZD / ((40 / 0.1) * maj.ctauMm.ZD)).toBeCloseTo(1, 12);
  });

  it("prints a readable table by default", () => {
    // Reference: the issue ("prints a readable table"); checks the section headers and the BR line.
    const r = run(["model", ...BENCH]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/widths \[GeV\]/);
    expect(r.stdout).toMatch(/Z_D branching ratios/);
    expect(r.stdout).toMatch(/e⁺e⁻\s+1\.00000/);
    expect(r.stdout).toMatch(/proper decay lengths cτ \[mm\]/);
  });

  it.each([
    [["--mZD", "0.5"], /^dnreach: --mZD must be a number in \(2m_e = [0-9.]+, mN = 0\.3\) GeV \(got 0\.5\)/],
    [["--mN", "-1"], /^dnreach: --mN must be/],
    [["--U2", "1.2"], /^dnreach: --U2 must be a number in \[0, 1\)/],
    [["--alpha-eps2", "0"], /^dnreach: --alpha-eps2 must be/],
    [["--gD", "-0.1"], /^dnreach: --gD must be/],
  ])("bad parameter %j → exit 2 and a message naming the option", (override, pattern) => {
    // Reference: the issue ("a clear error naming the parameter and its allowed range").
    const args = [...BENCH];
    const i = args.indexOf(override[0]!);
    args[i + 1] = override[1]!;
    const r = run(["model", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
  });
});

describe("dnreach plot zd-branching", () => {
  it("writes SVG, PNG and JSON with ≥ 400 log-spaced masses from 1 MeV to 10 GeV", () => {
    // Reference: the issue/lead brief for the figure (log axis 1 MeV–10 GeV, ≥ 400 points, four
    // channels, axis titles with units). PNG checked by its 8-byte signature.
    const dir = mkdtempSync(join(tmpdir(), "dnreach-zdplot-"));
    try {
      const r = run(["plot", "zd-branching", "--out", dir]);
      expect(r.code).toBe(0);
      const png = readFileSync(join(dir, "zd-branching.png"));
      expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const svg = readFileSync(join(dir, "zd-branching.svg"), "utf8");
      expect(svg).toMatch(/m_Z_D \[GeV\]/);
      expect(svg).toMatch(/hadrons/);
      const data = JSON.parse(readFileSync(join(dir, "zd-branching.json"), "utf8"));
      const masses = [...new Set(data.rows.map((row: { mZD: number }) => row.mZD))] as number[];
      expect(masses.length).toBeGreaterThanOrEqual(400);
      expect(Math.min(...masses)).toBeLessThan(1.1e-3);
      expect(Math.max(...masses)).toBeCloseTo(10, 9);
      expect(new Set(data.rows.map((row: { channel: string }) => row.channel)).size).toBe(4);
      const unknown = run(["plot", "nope", "--out", dir]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/<figure> must be one of .*zd-branching/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
