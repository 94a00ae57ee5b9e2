/**
 * Charged H_T computed only where a selection needs it.
 *
 * Hadronising costs 9 of the 22 µs the shower spends on a W + soft pair event (docs/shower.md,
 * bench/shower.mjs), yet the H_T veto (paper Sec. V A) matters only for entries that pass every
 * other cut — 17 % of the events of the selection-core sample, a minority anywhere. With a deferred shower
 * (`Shower.runDeferred`, whose hadrons of event e are the same as `run` would make), the
 * selection runs twice: first without its H_T cut, to find the entries that need H_T; then, with
 * H_T filled in for those, as it is. The selected weights are those of the eager pipeline, entry
 * by entry (test/analysis.deferredHT.test.ts).
 */

import { InputError } from "../core/errors.js";
import { type Cut, selectedWeights } from "./cuts.js";
import { chargedPtSum, type HadronColumns, type Observables } from "./observables.js";

/** The hadrons of one event (as `Shower.hadronsOf` returns them): the first `n` particles. */
export interface HadronList extends HadronColumns {
  readonly n: number;
}

export interface DeferredHTOptions {
  /** Charged-hadron pT threshold (paper Sec. V A: 2 GeV). */
  htMinPtGeV?: number;
  /** Charged-hadron |η| acceptance (paper Sec. V A: 2.5). */
  htAbsEtaMax?: number;
  /** Factor on H_T, as `ObservableOptions.htScale` (default 1). */
  htScale?: number;
}

/** Name of the H_T cut (cuts.ts `chargedHTMax`). */
const HT_CUT = "htCharged";

/**
 * Charged H_T per event of a deferred shower, computed on first request and kept: H_T does not
 * depend on the detector card, so every card and selection of a batch shares one instance.
 */
export class LazyEventHT {
  private readonly values: Float64Array;
  private readonly htMin: number;
  private readonly htEta: number;
  private readonly htScale: number;
  /** Events hadronised so far. */
  computed = 0;

  constructor(
    nEvents: number,
    private readonly hadronsOf: (event: number) => HadronList,
    o: DeferredHTOptions = {},
  ) {
    this.values = new Float64Array(nEvents).fill(Number.NaN);
    this.htMin = o.htMinPtGeV ?? 2;
    this.htEta = o.htAbsEtaMax ?? 2.5;
    this.htScale = o.htScale ?? 1;
  }

  get nEvents(): number {
    return this.values.length;
  }

  /** Charged H_T of event e (× htScale), hadronising it on the first call. */
  of(e: number): number {
    if (!(e >= 0 && e < this.values.length)) {
      throw new InputError("event index", `an integer in [0, ${this.values.length - 1}]`, e);
    }
    let v = this.values[e]!;
    if (Number.isNaN(v)) {
      const h = this.hadronsOf(e);
      v = chargedPtSum(h, 0, h.n, this.htMin, this.htEta) * this.htScale;
      this.values[e] = v;
      this.computed++;
    }
    return v;
  }
}

/**
 * Fills `obs.htCharged` for a deferred batch: every entry that some cut list keeps on its other cuts
 * gets its event's H_T from `ht`; every other entry gets NaN, so that an H_T cut fails there rather
 * than passing on a value never computed. Afterwards `selectedWeights(obs, cuts)` is exact for each
 * list of `cutLists` (and for any list whose other cuts are at least as tight).
 */
export function fillDeferredHT(
  obs: Observables,
  cutLists: readonly (readonly Cut[])[],
  ht: LazyEventHT,
): void {
  const needed = new Uint8Array(obs.n);
  for (const cuts of cutLists) {
    const w = selectedWeights(
      obs,
      cuts.filter((c) => c.name !== HT_CUT),
    );
    for (let i = 0; i < obs.n; i++) if (w[i] !== 0) needed[i] = 1;
  }
  for (let i = 0; i < obs.n; i++) obs.htCharged[i] = needed[i] ? ht.of(obs.event[i]!) : Number.NaN;
}

/**
 * Selected weights (one array per cut list, as `selectedWeights`) of a deferred batch, with charged
 * H_T computed only for the entries that some list keeps on its other cuts (`fillDeferredHT`).
 */
export function selectedWeightsDeferredHT(
  obs: Observables,
  cutLists: readonly (readonly Cut[])[],
  ht: LazyEventHT,
): Float64Array[] {
  fillDeferredHT(obs, cutLists, ht);
  return cutLists.map((cuts) => selectedWeights(obs, cuts));
}
