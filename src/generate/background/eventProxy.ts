/**
 * The selection proxy of wregion.ts evaluated on generated events rather than on phase-space points,
 * so that what happens after generation can be steered by it too: how many shower copies an event
 * gets (core/events.ts `copiesUnderCap` on the expected selected weights below; docs/backgrounds.md,
 * "Shower copies by expected selected weight").
 */
import { copiesUnderCap, type EventBatch, Status } from "../../core/events.js";
import {
  proxyPtMinGeV,
  type RecoilAverage,
  recoilAveragedProxy,
  type SelectionProxyLimits,
  TYPICAL_RECOIL,
  withinReach,
} from "./wregion.js";

const SLOTS = [0, 4, 8] as const;

/**
 * `recoilAveragedProxy` of event e of a W + soft pair batch: its three final charged leptons (e or μ,
 * with the proxy's p_T threshold of their flavour) in the hard system of all its final particles
 * (mass √ŝ and rapidity y, which the shower keeps). The same number as the generating process's
 * `adaptationFactor` at that event's point (test/background.eventProxy.test.ts). Events without
 * exactly three charged leptons get 1 (no steer). `recoil`: the recoils averaged over
 * (`TYPICAL_RECOIL` by default). `scratch`: 36 doubles.
 */
export function selectionProxyOfEvent(
  batch: EventBatch,
  e: number,
  S: Readonly<SelectionProxyLimits>,
  scratch: Float64Array,
  recoil: RecoilAverage = TYPICAL_RECOIL,
): number {
  if (scratch.length < 36) throw new RangeError("selectionProxyOfEvent: scratch needs 36 doubles");
  const ptMin: [number, number, number] = [0, 0, 0];
  let n = 0;
  let sE = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
    if (batch.status[i] !== Status.final) continue;
    sE += batch.E[i]!;
    sx += batch.px[i]!;
    sy += batch.py[i]!;
    sz += batch.pz[i]!;
    const id = Math.abs(batch.pdg[i]!);
    if (id !== 11 && id !== 13) continue;
    if (n === 3) return 1;
    const d = 4 * n;
    scratch[d] = batch.E[i]!;
    scratch[d + 1] = batch.px[i]!;
    scratch[d + 2] = batch.py[i]!;
    scratch[d + 3] = batch.pz[i]!;
    ptMin[n] = proxyPtMinGeV(S, id);
    n++;
  }
  if (n !== 3) return 1;
  const sHat = sE * sE - sx * sx - sy * sy - sz * sz;
  const yHard = 0.5 * Math.log((sE + sz) / (sE - sz));
  return recoilAveragedProxy(scratch, SLOTS, ptMin, sHat, yHard, S, scratch.subarray(12, 36), recoil);
}

/**
 * w_e × `selectionProxyOfEvent` for every event: the weight each event is expected to bring into the
 * selection, as far as the proxy can tell. `copiesUnderCap` on these gives the copies that no copy's
 * expected selected weight exceeds the cap: more showers for the events likely to pass, fewer for
 * the heavy events the selection almost surely rejects.
 */
export function expectedSelectedWeights(batch: EventBatch, S: Readonly<SelectionProxyLimits>): Float64Array {
  const out = new Float64Array(batch.nEvents);
  const scratch = new Float64Array(36);
  for (let e = 0; e < batch.nEvents; e++)
    out[e] = batch.weight[e]! * selectionProxyOfEvent(batch, e, S, scratch);
  return out;
}

/**
 * Shower copies by reach: for the events whose proxy under `recoil` exceeds its floor (some recoil of
 * `recoil` carries them into the selection) copies by weight under the small cap `reachCapPb`, for the
 * others under `capPb`; ⌈w/cap⌉, at most `maxCopies` (`copiesUnderCap`). In a part whose events pass
 * only on a rare recoil (the halo, with `REACH_RECOIL`) the few events within reach hold nearly all
 * its selected σ, pass in a few per cent of their showers, and each pass brings at most `reachCapPb`;
 * the events out of reach almost never pass and keep the cheaper copies. Any number of copies fixed
 * by the hard event leaves every yield unbiased. Measured as a bench option and not the default
 * (docs/backgrounds.md, "The halo's reach: a part of its own"): the halo's split by reach
 * (wsoftpair.ts, region "halo-reach") does more.
 */
export function copiesByReach(
  batch: EventBatch,
  S: Readonly<SelectionProxyLimits>,
  recoil: RecoilAverage,
  reachCapPb: number,
  capPb: number,
  maxCopies: number,
): Uint32Array {
  const weight = batch.weight.subarray(0, batch.nEvents);
  const out = copiesUnderCap(weight, capPb, maxCopies);
  const inReach = copiesUnderCap(weight, reachCapPb, maxCopies);
  const scratch = new Float64Array(36);
  for (let e = 0; e < batch.nEvents; e++) {
    if (withinReach(selectionProxyOfEvent(batch, e, S, scratch, recoil))) out[e] = inReach[e]!;
  }
  return out;
}
