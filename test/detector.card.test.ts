import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileFormatError, InputError } from "../src/core/errors.js";
import {
  CARD_DIR,
  type DetectorCard,
  loadCard,
  overrideCard,
  parseCard,
  parseCardYaml,
  SHIPPED_CARDS,
} from "../src/detector/card.js";

const paperText = readFileSync(`${CARD_DIR}paper.yaml`, "utf8");

/** Message of the error thrown by f (fails the test if nothing is thrown). */
function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("shipped detector cards", () => {
  it("every shipped card loads, and every entry carries a non-empty source and a status (STYLE.md item 18)", () => {
    for (const name of SHIPPED_CARDS) {
      const card = loadCard(name);
      expect(card.name).toBe(name);
      const walk = (node: unknown): number => {
        if (node && typeof node === "object") {
          if ("value" in node) {
            const e = node as unknown as { source: string; status: string };
            expect(e.source.length).toBeGreaterThan(0);
            expect(["paper", "choice", "placeholder"]).toContain(e.status);
            return 1;
          }
          return Object.values(node).reduce((s: number, v) => s + walk(v), 0);
        }
        return 0;
      };
      // 20 required entries, plus the optional loose-veto threshold where a card sets it, plus the
      // optional dressing cone, which every shipped card sets (ATLAS/CMS convention R = 0.1).
      expect(card.leptonDressingDeltaR?.value).toBe(0.1);
      expect(walk(card)).toBe((card.fourLeptonVetoPtMinGeV ? 21 : 20) + 1);
    }
  });

  it("the paper card holds the paper Sec. IV / Table II values", () => {
    const c = loadCard("paper");
    // Paper Sec. IV: φ 0.001–0.0025 rad, cot θ 0.0005–0.002, pT 2.5–8 %; 85 % efficiency; 5 % veto.
    expect([c.electron.phiResolutionRad.low.value, c.electron.phiResolutionRad.high.value]).toEqual([
      0.0025, 0.001,
    ]);
    expect([c.electron.cotThetaResolution.low.value, c.electron.cotThetaResolution.high.value]).toEqual([
      0.002, 0.0005,
    ]);
    expect([c.electron.ptResolution.low.value, c.electron.ptResolution.high.value]).toEqual([0.08, 0.025]);
    expect(c.muon.massResolution.value).toBe(0.02);
    expect(c.electron.efficiency.value).toBe(0.85);
    expect(c.muon.efficiency.value).toBe(0.85);
    expect(c.fourLeptonVetoInefficiency.value).toBe(0.05);
    // Table II: electrons 5 GeV (nominal), muons 3 GeV, |η| < 2.5. Sec. V C: 1 mm – 10 cm.
    expect(c.electron.ptMinGeV.value).toBe(5);
    expect(c.muon.ptMinGeV.value).toBe(3);
    expect(c.electron.absEtaMax.value).toBe(2.5);
    expect(c.displacement.promptMaxMm.value).toBe(1);
    expect(c.displacement.displacedMaxMm.value).toBe(100);
  });

  it("optimistic = all best, pessimistic = all worst (paper Fig. 2 band); variations change one thing", () => {
    const o = loadCard("optimistic");
    const p = loadCard("pessimistic");
    expect(o.electron.ptResolution.low.value).toBe(0.025);
    expect(o.electron.ptResolution.high.value).toBe(0.025);
    expect(o.electron.phiResolutionRad.low.value).toBe(0.001);
    expect(o.electron.cotThetaResolution.low.value).toBe(0.0005);
    expect(p.electron.ptResolution.high.value).toBe(0.08);
    expect(p.electron.phiResolutionRad.high.value).toBe(0.0025);
    expect(p.electron.cotThetaResolution.high.value).toBe(0.002);
    expect(loadCard("muon-res-1pct").muon.massResolution.value).toBe(0.01);
    expect(loadCard("muon-res-3pct").muon.massResolution.value).toBe(0.03);
    const e80 = loadCard("eff-80");
    expect([e80.electron.efficiency.value, e80.muon.efficiency.value]).toEqual([0.8, 0.8]);
    const e90 = loadCard("eff-90");
    expect([e90.electron.efficiency.value, e90.muon.efficiency.value]).toEqual([0.9, 0.9]);
  });

  it("loads by path as well as by name, and rejects unknown names", () => {
    expect(loadCard(`${CARD_DIR}paper.yaml`)).toEqual(loadCard("paper"));
    const e = errorOf(() => loadCard("no-such-card"));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain("paper, optimistic");
    expect(errorOf(() => loadCard("/nonexistent/x.yaml"))).toBeInstanceOf(FileFormatError);
  });
});

describe("card validation errors name the YAML path (pyhf-style)", () => {
  it("an out-of-range resolution names electron.ptResolution.low and the file line", () => {
    const bad = paperText.replace("low: { value: 0.08,", "low: { value: 1.5,");
    const e = errorOf(() => parseCardYaml(bad, "bad.yaml"));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toContain("electron.ptResolution.low.value: must be a number in [0, 1)");
    const line = bad.split("\n").findIndex((l) => l.includes("value: 1.5")) + 1;
    expect((e as FileFormatError).line).toBe(line);
    expect(e.message.startsWith(`bad.yaml:${line}:`)).toBe(true);
  });

  it("a missing entry, a wrong type, a bad status, an unknown key and a bad enum are each named", () => {
    const cases: [string, string][] = [
      [paperText.replace(/ {2}massResolution:.*\n/, ""), "muon.massResolution: "],
      [
        paperText.replace("ptMinGeV: { value: 3,", 'ptMinGeV: { value: "three",'),
        "muon.ptMinGeV.value: must be a number",
      ],
      [
        paperText
          .replace(
            'value: 0.05, source: "paper Sec. IV (5 %',
            'value: 0.05, status: x, source: "paper Sec. IV (5 %',
          )
          .replace('veto)", status: paper', 'veto)"'),
        "fourLeptonVetoInefficiency.status: must be one of",
      ],
      [paperText.replace("muon:\n", "muon:\n  colour: { value: 1, source: x, status: paper }\n"), "muon: "],
      [
        paperText.replace('measure: { value: "3d"', 'measure: { value: "radial"'),
        'displacement.measure.value: must be "3d" or "transverse"',
      ],
    ];
    for (const [text, expected] of cases) {
      const e = errorOf(() => parseCardYaml(text, "c.yaml"));
      expect(e).toBeInstanceOf(FileFormatError);
      expect(e.message).toContain(expected);
    }
  });

  it("cross-entry checks: anchors increasing, displaced window ordered, categories not overlapping", () => {
    const anchors = paperText.replace("high: { value: 50, source", "high: { value: 0.5, source");
    expect(errorOf(() => parseCardYaml(anchors)).message).toContain(
      "electron.resolutionAnchorsGeV.high.value",
    );
    const window = paperText.replace("displacedMaxMm: { value: 100,", "displacedMaxMm: { value: 0.5,");
    expect(errorOf(() => parseCardYaml(window)).message).toContain("displacement.displacedMaxMm.value");
    const overlap = paperText.replace("promptMaxMm: { value: 1,", "promptMaxMm: { value: 2,");
    expect(errorOf(() => parseCardYaml(overlap)).message).toContain("displacement.promptMaxMm.value");
  });

  it("YAML syntax errors report the line; duplicate keys are rejected", () => {
    const e = errorOf(() => parseCardYaml("name: x\nelectron: [1, 2\n", "s.yaml"));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toMatch(/^s\.yaml:\d+: invalid YAML/);
    expect(errorOf(() => parseCardYaml("name: a\nname: b\n"))).toBeInstanceOf(FileFormatError);
  });

  it("parseCard (in-memory) throws InputError with the path as field", () => {
    const card = structuredClone(loadCard("paper")) as unknown as { muon: { efficiency: { value: number } } };
    card.muon.efficiency.value = 1.2;
    const e = errorOf(() => parseCard(card));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).field).toBe("muon.efficiency.value");
    expect(e.message).toContain("must be a number in [0, 1]");
  });

  it("overrideCard sets one entry, marks it a choice, and revalidates", () => {
    const c = overrideCard(loadCard("paper"), "electron.ptMinGeV", 1, "Table II 1 GeV variant");
    expect(c.electron.ptMinGeV).toEqual({ value: 1, source: "Table II 1 GeV variant", status: "choice" });
    expect(loadCard("paper").electron.ptMinGeV.value).toBe(5); // original untouched
    expect(() => overrideCard(loadCard("paper"), "electron.ptMinGeV", -1)).toThrow(InputError);
    expect(() => overrideCard(loadCard("paper"), "electron.nope", 1)).toThrow(/dotted path/);
  });
});

describe("card loader fuzz (DESIGN.md validation item 4: no crash, no NaN, a clear error)", () => {
  it("random YAML-ish text either parses to a valid card or throws FileFormatError with a message", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseCardYaml(text, "fuzz.yaml");
          return false; // random text is never a complete card
        } catch (e) {
          return e instanceof FileFormatError && e.message.startsWith("fuzz.yaml") && e.message.length > 12;
        }
      }),
      { seed: 20240524, numRuns: 300 },
    );
  });

  it("mutating one numeric value of the paper card: accepted values stay finite, rejected ones name a path", () => {
    const card = loadCard("paper");
    const paths: string[][] = [];
    const collect = (node: unknown, path: string[]) => {
      if (node && typeof node === "object") {
        if ("value" in node && typeof (node as { value: unknown }).value === "number") paths.push(path);
        else for (const [k, v] of Object.entries(node)) collect(v, [...path, k]);
      }
    };
    collect(card, []);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.oneof(fc.double(), fc.constant(Number.NaN), fc.string(), fc.constant(null)),
        (k, v) => {
          const raw = structuredClone(card) as unknown as Record<string, unknown>;
          let node = raw as Record<string, unknown>;
          for (const key of paths[k]!) node = node[key] as Record<string, unknown>;
          node.value = v;
          try {
            const parsed: DetectorCard = parseCard(raw);
            return typeof v === "number" && Number.isFinite(v) && parsed.name === "paper";
          } catch (e) {
            // The mutated entry itself, or an entry of a cross-check it broke (e.g. category overlap).
            return e instanceof InputError && paths.some((q) => e.field === `${q.join(".")}.value`);
          }
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });
});
