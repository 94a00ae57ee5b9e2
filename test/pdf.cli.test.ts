/**
 * `dnreach pdf` end to end (spawns the built CLI, as the test script builds first): JSON shape,
 * values identical to the library, text output, and clear errors for a missing set or bad input.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPdfSet } from "../src/pdf/index.js";

const main = join(import.meta.dirname, "..", "dist", "cli", "main.js");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [main, ...args], {
    encoding: "utf8",
    env: { ...process.env, LHAPDF_DATA_PATH: "" },
  });

describe("dnreach pdf", () => {
  it("--json gives {set, x, Q, alphaS, xf} with the library's values for every parton", () => {
    // Reference: the library call on the same set (JSON round-trips doubles exactly).
    const r = run("pdf", "--x", "0.01", "--Q", "100", "--json");
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      set: string;
      x: number;
      Q: number;
      alphaS: number;
      xf: Record<string, number>;
    };
    const pdf = loadPdfSet();
    expect(j.set).toBe("NNPDF23_lo_as_0130_qed");
    expect(j.x).toBe(0.01);
    expect(j.Q).toBe(100);
    expect(j.alphaS).toBe(pdf.alphaS(100));
    expect(
      Object.keys(j.xf)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 21, 22]);
    for (const [id, v] of Object.entries(j.xf)) expect(v).toBe(pdf.xfxQ(Number(id), 0.01, 100));
  });

  it("prints a readable table without --json", () => {
    const r = run("pdf", "--x", "0.1", "--Q", "10");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/alpha_s\(Q\) = 0\.\d+/);
    expect(r.stdout).toMatch(/\n\s+21\s+g\s+\d\.\d+e[+-]\d+/);
    expect(r.stdout).toMatch(/\n\s+22\s+gamma\s+/);
  });

  it("a missing set exits 2 and lists where it looked (--pdf-path first)", () => {
    const r = run("pdf", "--x", "0.1", "--Q", "10", "--set", "NoSuchSet", "--pdf-path", "/tmp/nowhere");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/NoSuchSet/);
    expect(r.stderr).toMatch(/\/tmp\/nowhere, .*data\/pdf/);
  });

  it("rejects x outside (0, 1] and a non-numeric Q with a message naming the option", () => {
    const r = run("pdf", "--x", "1.5", "--Q", "10");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/x must be a number in \(0, 1\] \(got 1\.5\)/);
    const r2 = run("pdf", "--x", "0.1", "--Q", "ten");
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toMatch(/--Q/);
  });
});
