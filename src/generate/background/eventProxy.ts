/**
 * The selection proxy of wregion.ts evaluated on generated events rather than on phase-space points,
 * so that what happens after generation can be steered by it too: how many shower copies an event
 * gets (core/events.ts `copiesUnderCap` on the expected selected weights below; docs/backgrounds.md,
 * "Shower copies by expected selected weight").
 */
import { type EventBatch, Status } from "../../core/events.js";
import { proxyPtMinGeV, recoilAveragedProxy, type SelectionProxyLimits } from "./wregion.js";

const SLOTS = [0, 4, 8] as const;

/**
 * `recoilAveragedProxy` of event e of a W + soft pair batch: its three final charged leptons (e or μ,
 * with the proxy's p_T threshold of their flavour) in the hard system of all its final particles
 * (mass √ŝ and rapidity y, which the shower keeps). The same number as the generating process's
 * `adaptationFactor` at that event's point (test/background.eventProxy.test.ts). Events without
 * exactly three charged leptons get 1 (no steer). `scratch`: 24 doubles.
 */
export function selectionProxyOfEvent(
  batch: EventBatch,
  e: number,
  S: Readonly<SelectionProxyLimits>,
  scratch: Float64Array,
): number {
  if (scratch.length < 24) throw new RangeError("selectionProxyOfEvent: scratch needs 24 doubles");
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
  return recoilAveragedProxy(scratch, SLOTS, ptMin, sHat, yHard, S, scratch.subarray(12, 24));
}

/**
 * w_e × `selectionProxyOfEvent` for every event: the weight each event is expected to bring into the
 * selection, as far as the proxy can tell. `copiesUnderCap` on these gives the copies that no copy's
 * expected selected weight exceeds the cap: more showers for the events likely to pass, fewer for
 * the heavy events the selection almost surely rejects.
 */
export function expectedSelectedWeights(batch: EventBatch, S: Readonly<SelectionProxyLimits>): Float64Array {
  const out = new Float64Array(batch.nEvents);
  const scratch = new Float64Array(24);
  for (let e = 0; e < batch.nEvents; e++)
    out[e] = batch.weight[e]! * selectionProxyOfEvent(batch, e, S, scratch);
  return out;
}
