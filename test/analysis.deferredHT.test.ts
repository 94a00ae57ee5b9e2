/**
 * Deferred hadronisation (Shower.runDeferred + analysis/deferredHT.ts) against the eager pipeline
 * (Shower.run, hadrons in the batch). Reference: the eager pipeline itself — the deferred one is an
 * exact rearrangement of the same computation (hadrons on a per-event stream), so the comparisons
 * are exact equalities, not statistical ones.
 */
import { describe, expect, it } from "vitest";
import {
  chargedHT,
  chargedPtSum,
  displacedSignalRegionCuts,
  fillDeferredHT,
  LazyEventHT,
  promptSignalRegionCuts,
  selectedWeights,
  selectedWeightsDeferredHT,
} from "../src/analysis/index.js";
import { Status } from "../src/core/events.js";
import { loadCard } from "../src/detector/index.js";
import { generate } from "../src/generate/index.js";
import { distributionTable, fig34SampleSets } from "../src/plot/distributions.js";
import { BAND_CARDS } from "../src/scan/limits.js";
import { backgroundSpecs } from "../src/scan/processes.js";
import { cardYieldsOf, cardYieldsToJson, observe, selectionFor } from "../src/scan/yields.js";
import { showerGenerated, showerGeneratedDeferred } from "../src/shower/index.js";

// W(μν) + ee in the selection core (wregion.ts): about one event in ten passes the prompt
// selection's lepton cuts, so a few thousand points give hundreds of selected entries.
const spec = {
  ...backgroundSpecs(13000).find((p) => p.process === "wgamma-mu-e")!.spec,
  region: "core" as const,
};

describe("deferred hadronisation", async () => {
  const r = await generate(spec, {
    nEvents: 4000,
    seed: 5,
    workers: 0,
    warmupIterations: 3,
    warmupPoints: 4000,
  });
  const eager = showerGenerated(r.batch, r.info, 11).batch;
  const { deferred, shower } = showerGeneratedDeferred(r.batch, r.info, 11);
  const lazy = deferred.batch;

  it("leaves the same partons and leptons, and hadronsOf(e) gives run's hadrons of event e", () => {
    expect(lazy.nEvents).toBe(eager.nEvents);
    const htEager = chargedHT(eager);
    let hadrons = 0;
    for (let e = 0; e < lazy.nEvents; e++) {
      const a = eager.offsets[e]!;
      const b = lazy.offsets[e]!;
      const nLazy = lazy.offsets[e + 1]! - b;
      // Eager event = the deferred event's particles (partons then status 2) + its hadrons.
      for (let k = 0; k < nLazy; k++) {
        expect(eager.pdg[a + k]).toBe(lazy.pdg[b + k]);
        expect(eager.px[a + k]).toBe(lazy.px[b + k]);
        expect(eager.pz[a + k]).toBe(lazy.pz[b + k]);
      }
      const h = shower.hadronsOf(deferred, e);
      expect(eager.offsets[e + 1]! - a - nLazy).toBe(h.n);
      for (let k = 0; k < h.n; k++) {
        expect(eager.status[a + nLazy + k]).toBe(Status.final);
        expect(eager.px[a + nLazy + k]).toBe(h.px[k]);
        expect(eager.pz[a + nLazy + k]).toBe(h.pz[k]);
      }
      expect(chargedPtSum(h, 0, h.n, 2, 2.5)).toBe(htEager[e]);
      hadrons += h.n;
    }
    expect(hadrons).toBeGreaterThan(10 * lazy.nEvents); // W + soft pair events have hadrons
  });

  it("gives the eager selected weights entry by entry, hadronising only the events that need it", () => {
    const card = loadCard("paper");
    const cutLists = [
      promptSignalRegionCuts({ ...selectionFor(card, 5), channel: "ee" }),
      displacedSignalRegionCuts(selectionFor(card, 5)),
    ];
    const obsEager = observe(eager, card, 3, 0);
    const obsLazy = observe(lazy, card, 3, 0, new Float64Array(lazy.nEvents));
    const ht = new LazyEventHT(lazy.nEvents, (e) => shower.hadronsOf(deferred, e));
    const weights = selectedWeightsDeferredHT(obsLazy, cutLists, ht);
    expect(obsLazy.n).toBe(obsEager.n);
    let selected = 0;
    let vetoed = 0;
    const noHt = promptSignalRegionCuts({ ...selectionFor(card, 5), channel: "ee" }).filter(
      (c) => c.name !== "htCharged",
    );
    const wNoHt = selectedWeights(obsEager, noHt);
    cutLists.forEach((cuts, k) => {
      const w = selectedWeights(obsEager, cuts);
      for (let i = 0; i < obsEager.n; i++) {
        expect(weights[k]![i]).toBe(w[i]);
        if (k === 0 && w[i] !== 0) selected++;
        if (k === 0 && w[i] === 0 && wNoHt[i] !== 0) vetoed++;
      }
    });
    // The comparison is not empty, and the H_T veto acts in it (about 6 % of W + soft pair events
    // have H_T > 30 GeV: docs/shower.md).
    expect(selected).toBeGreaterThan(100);
    expect(vetoed).toBeGreaterThan(0);
    expect(ht.computed).toBeLessThan(lazy.nEvents / 3);
  });

  it("leaves H_T NaN where it was not asked for, so that an H_T cut fails there", () => {
    const card = loadCard("paper");
    const obs = observe(lazy, card, 3, 0, new Float64Array(lazy.nEvents));
    const ht = new LazyEventHT(lazy.nEvents, (e) => shower.hadronsOf(deferred, e));
    fillDeferredHT(obs, [], ht);
    expect(ht.computed).toBe(0);
    const w = selectedWeights(obs, promptSignalRegionCuts({ ...selectionFor(card, 5), channel: "ee" }));
    expect(w.every((x) => x === 0)).toBe(true);
    expect(() => shower.hadronsOf(deferred, lazy.nEvents)).toThrow(/event index/);
    expect(() => ht.of(-1)).toThrow(/event index/);
  });

  it("the scan's products — yields under every card, Figs. 3–4 tables — equal the eager batch's", async () => {
    const cards = Object.fromEntries(BAND_CARDS.map((c) => [c, loadCard(c)]));
    const ht = new LazyEventHT(lazy.nEvents, (e) => shower.hadronsOf(deferred, e));
    const eagerYields = cardYieldsToJson(cardYieldsOf(eager, cards, BAND_CARDS, 2));
    const lazyYields = cardYieldsToJson(cardYieldsOf(lazy, cards, BAND_CARDS, 2, ht));
    expect(lazyYields).toEqual(eagerYields);
    const sel = eagerYields.paper!.prompt["ee:5"]!.sumW.reduce((a, b) => a + b, 0);
    expect(sel).toBeGreaterThan(0);
    const tables = async (batch: typeof eager, lazyHT?: LazyEventHT) => {
      const sets = await fig34SampleSets([{ label: "w", group: "W", batch, ...(lazyHT ? { lazyHT } : {}) }], {
        selections: ["prompt-baseline", "prompt-sr"],
        seed: 2,
      });
      return [distributionTable(sets["prompt-baseline"], 150), distributionTable(sets["prompt-sr"], 150)];
    };
    expect(await tables(lazy, ht)).toEqual(await tables(eager));
  });
});
