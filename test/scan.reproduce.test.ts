import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { QUICK_GRID, signalPoints } from "../src/scan/grids.js";
import { reproduce } from "../src/scan/reproduce.js";
import type { LimitRecord } from "../src/scan/types.js";

// The whole chain at --quick size (issue: "--quick … and the tests run it"). References: the
// paper's statements of Secs. IV and VI; tolerances stated at each check.
describe("dnreach reproduce --quick", () => {
  const dir = mkdtempSync(join(tmpdir(), "dnreach-reproduce-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const opts = {
    outDir: join(dir, "out"),
    cacheDir: join(dir, "cache"),
    quick: true,
    seed: 1,
    shower: true,
    log: () => {},
  };
  let records: LimitRecord[] = [];

  it("writes every figure, the limits of every point, the report and the manifest", async () => {
    const r = await reproduce(opts);
    records = r.records;
    for (const f of ["fig2", "fig3", "fig4", "fig5", "fig6", "fig7", "fig8", "fig9"]) {
      for (const ext of ["svg", "png", "json"])
        expect(existsSync(join(opts.outDir, `${f}.${ext}`))).toBe(true);
    }
    for (const f of ["limits.json", "report.html", "manifest.json", "windows.json", "beyond-paper.json"]) {
      expect(existsSync(join(opts.outDir, f))).toBe(true);
    }
    const onDisk = JSON.parse(readFileSync(join(opts.outDir, "limits.json"), "utf8")) as LimitRecord[];
    expect(onDisk.length).toBe(records.length);
    // Every point of Figs. 6–9: both scenarios, nominal and Fig. 8 αε², prompt/displaced/combined,
    // and the Fig. 9 electron-threshold variant.
    for (const p of signalPoints(QUICK_GRID)) {
      for (const scenario of ["run2", "hllhc"]) {
        for (const a of [QUICK_GRID.alphaEps2Nominal, ...QUICK_GRID.alphaEps2Variants]) {
          for (const analysis of ["prompt", "displaced", "combined"]) {
            for (const channel of ["combined", "combined:e1GeV"]) {
              const hit = records.filter(
                (x) =>
                  x.scenario === scenario &&
                  x.analysis === analysis &&
                  x.channel === channel &&
                  Math.abs(x.mN - p.mN) < 1e-12 &&
                  Math.abs(x.mZD - p.mZD) < 1e-12 &&
                  Math.abs(x.alphaEps2 / a - 1) < 1e-12,
              );
              expect(hit.length, `${scenario} ${analysis} ${channel} ${p.mN}/${p.mZD} αε²=${a}`).toBe(1);
            }
          }
        }
      }
    }
  }, 900_000);

  it("agrees with the paper's statements (Secs. IV, VI)", () => {
    const nominal = records.filter(
      (r) => r.alphaEps2 === QUICK_GRID.alphaEps2Nominal && r.channel === "combined",
    );
    const u = (scenario: string, analysis: string, mN: number, mZD: number) =>
      nominal.find(
        (r) =>
          r.scenario === scenario &&
          r.analysis === analysis &&
          Math.abs(r.mN - mN) < 1e-12 &&
          Math.abs(r.mZD - mZD) < 1e-12,
      )!.U2Excl;
    // Fig. 6: "the displaced analysis is dominant" at m_Z_D = 30 MeV.
    for (const mN of QUICK_GRID.fig6MN)
      expect(u("run2", "displaced", mN, 0.03)).toBeLessThan(u("run2", "prompt", mN, 0.03));
    // Fig. 7: "at larger masses, the prompt analysis yields the strongest limit".
    for (const mZD of [0.3, 1, 3]) {
      expect(u("run2", "prompt", 3 * mZD, mZD)).toBeLessThan(u("run2", "displaced", 3 * mZD, mZD));
    }
    // Sec. VII: |U_μ4|² "from 1e-6 to 1e-8"; with quick statistics allow a decade either side.
    const finite = nominal
      .filter((r) => r.analysis === "combined")
      .map((r) => r.U2Excl)
      .filter(Number.isFinite);
    expect(Math.min(...finite)).toBeGreaterThan(1e-10);
    expect(Math.max(...finite)).toBeLessThan(1e-4);
    // HL-LHC displaced: ∝ 1/(L σ): 150/4000 × 1/1.0827 (data/scenarios) exactly.
    expect(u("hllhc", "displaced", 0.3, 0.1) / u("run2", "displaced", 0.3, 0.1)).toBeCloseTo(
      150 / 4000 / 1.0827,
      10,
    );
  });

  it("a rerun is served from the cache and gives identical limits (resume)", async () => {
    const again = await reproduce(opts);
    const manifest = JSON.parse(readFileSync(join(opts.outDir, "manifest.json"), "utf8")) as {
      cache: { misses: number };
    };
    expect(manifest.cache.misses).toBe(0);
    expect(JSON.stringify(again.records)).toBe(JSON.stringify(records));
  }, 300_000);
});
