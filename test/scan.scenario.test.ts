import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFormatError, InputError } from "../src/core/errors.js";
import { loadScenario, parseScenario } from "../src/scan/scenario.js";

describe("scenarios", () => {
  it("the built-in scenarios are the paper's (Sec. VI): 13 TeV/150 fb⁻¹ and 14 TeV/4 ab⁻¹ from 13 TeV events", () => {
    const run2 = loadScenario("run2");
    expect([run2.sqrtSGeV, run2.lumiInvFb, run2.crossSectionRatio.W.value]).toEqual([13000, 150, 1]);
    const hl = loadScenario("hllhc");
    expect([hl.sqrtSGeV, hl.lumiInvFb, hl.generationSqrtSGeV]).toEqual([14000, 4000, 13000]);
    // Top++ NNLO+NNLL: 984.50 / 831.76 pb
    expect(hl.crossSectionRatio.top.value).toBeCloseTo(984.5 / 831.76, 3);
  });

  it("bad values are rejected with the field path", () => {
    const good = loadScenario("run2");
    expect(() => parseScenario({ ...good, lumiInvFb: -1 })).toThrow(/lumiInvFb/);
    expect(() => parseScenario({ ...good, extra: 1 })).toThrow(InputError);
    expect(() =>
      parseScenario({ ...good, crossSectionRatio: { ...good.crossSectionRatio, W: { value: 1 } } }),
    ).toThrow(/crossSectionRatio\.W\.source/);
  });

  it("a missing file or broken YAML gives a clear error", () => {
    expect(() => loadScenario("nope")).toThrow(/scenario must be one of run2, hllhc/);
    const dir = mkdtempSync(join(tmpdir(), "dnreach-scn-"));
    const f = join(dir, "bad.yaml");
    writeFileSync(f, "name: x\nlabel: [unclosed\n");
    expect(() => loadScenario(f)).toThrow(FileFormatError);
  });
});
