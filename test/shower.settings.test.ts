/** Shower settings schema: defaults, ranges and errors that name the field (STYLE.md §8, §9). */
import { describe, expect, it } from "vitest";
import { InputError } from "../src/core/errors.js";
import { resolveShowerOptions, SHOWER_SETTINGS } from "../src/shower/index.js";

describe("resolveShowerOptions", () => {
  it("fills the documented defaults (pTmin 1 GeV, primordial kT 1.8 GeV as Pythia 8)", () => {
    const o = resolveShowerOptions();
    expect(o.pTminGeV).toBe(1);
    expect(o.primordialKtGeV).toBe(1.8);
    expect(o.isr).toBe(true);
    for (const [k, spec] of Object.entries(SHOWER_SETTINGS)) {
      expect(o[k as keyof typeof o]).toBe(spec.default);
      expect(spec.doc.length).toBeGreaterThan(10);
    }
  });

  it("rejects out-of-range numbers, NaN, bad choices and unknown keys with the field name", () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ pTminGeV: 0.1 }, "shower.pTminGeV"],
      [{ pTminGeV: Number.NaN }, "shower.pTminGeV"],
      [{ primordialKtGeV: -1 }, "shower.primordialKtGeV"],
      [{ alphaSScheme: "mystery" }, "shower.alphaSScheme"],
      [{ isr: "yes" }, "shower.isr"],
      [{ htScale: Number.POSITIVE_INFINITY }, "shower.htScale"],
      [{ pTmin: 2 }, "shower option"],
    ];
    for (const [input, field] of bad) {
      try {
        resolveShowerOptions(input as never);
        expect.unreachable(`accepted ${JSON.stringify(input)}`);
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        expect((err as InputError).field).toBe(field);
      }
    }
  });
});
