/**
 * Charged H_T computed only where a selection needs it.
 *
 * Hadronising every showered event costs about as much as the rest of the shower (docs/shower.md,
 * bench/shower.mjs), yet the H_T veto (paper Sec. V A) matters only for entries that pass every
 * other cut — a few per cent of a weighted background sample. With a deferred shower
 * (`Shower.runDeferred`, whose hadrons of event e are the same as `run` would make), the
 * selection runs twice: first without its H_T cut, to find the entries that need H_T; then, with
 * H_T filled in for those, as it is. The selected weights are those of the eager pipeline, entry
 * by entry (test/analysis.deferredHT.test.ts).
 */

import type { Cut } from "./cuts.js";
import { selectedWeights } from "./cuts.js";
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
 * Sets `obs.htCharged` of every entry with `needed[i] ≠ 0` to the charged H_T of its event, from
 * `hadronsOf(event)` (each event hadronised once), and to NaN for every other entry, so that an
 * H_T cut fails there rather than passing on a value never computed. Returns the number of events
 * hadronised.
 */
export function fillDeferredHT(
  obs: Observables,
  needed: ArrayLike<number>,
  hadronsOf: (event: number) => HadronList,
  o: DeferredHTOptions = {},
): number {
  const htMin = o.htMinPtGeV ?? 2;
  const htEta = o.htAbsEtaMax ?? 2.5;
  const htScale = o.htScale ?? 1;
  const byEvent = new Map<number, number>();
  for (let i = 0; i < obs.n; i++) {
    if (!needed[i]) {
      obs.htCharged[i] = Number.NaN;
      continue;
    }
    const e = obs.event[i]!;
    let ht = byEvent.get(e);
    if (ht === undefined) {
      const h = hadronsOf(e);
      ht = chargedPtSum(h, 0, h.n, htMin, htEta) * htScale;
      byEvent.set(e, ht);
    }
    obs.htCharged[i] = ht;
  }
  return byEvent.size;
}

/**
 * Selected weights (one array per cut list, as `selectedWeights`) with charged H_T computed only
 * for the entries that some list keeps on its other cuts. `obs` comes from a deferred batch (its
 * `htCharged` is overwritten). Also returns how many events were hadronised.
 */
export function selectedWeightsDeferredHT(
  obs: Observables,
  cutLists: readonly (readonly Cut[])[],
  hadronsOf: (event: number) => HadronList,
  o: DeferredHTOptions = {},
): { weights: Float64Array[]; eventsHadronised: number } {
  const needed = new Uint8Array(obs.n);
  for (const cuts of cutLists) {
    const w = selectedWeights(
      obs,
      cuts.filter((c) => c.name !== HT_CUT),
    );
    for (let i = 0; i < obs.n; i++) if (w[i] !== 0) needed[i] = 1;
  }
  const eventsHadronised = fillDeferredHT(obs, needed, hadronsOf, o);
  return { weights: cutLists.map((cuts) => selectedWeights(obs, cuts)), eventsHadronised };
}
