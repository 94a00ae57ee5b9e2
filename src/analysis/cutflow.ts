/**
 * Weighted cut flows. Every row, the first included, is a sum of weights — never a count of
 * entries (STYLE.md item 19: an old Rivet cut-flow class counted its first step by events).
 * Row k holds Σ w_i Π_{j≤k} f_j(i), compensated. Its MC error sums the weights of each generated
 * event first: entries of one event (the efficiency outcomes of weight mode) are fully correlated,
 * so σ² = Σ_events (Σ_{entries of the event} w Π f)², not Σ over entries.
 */
import { InputError } from "../core/errors.js";
import { NeumaierSum } from "../core/sum.js";
import { expectedEvents } from "../core/units.js";
import type { Cut } from "./cuts.js";
import type { Observables } from "./observables.js";

export interface CutFlowRow {
  /** "all" for the first row, else the cut's name. */
  cut: string;
  /** The paper's wording of the cut ("" for the first row). */
  reference: string;
  /** Σ w after this cut (pb): the cross section passing. */
  sigmaPb: number;
  /** MC error √Σ_events (Σ w)² (pb), entries of one event summed first. */
  sigmaErrPb: number;
  /** Expected events at the given luminosity, and its MC error (0 when no luminosity given). */
  events: number;
  eventsErr: number;
  /** Number of entries with non-zero weight after this cut (for MC statistics only). */
  entries: number;
  /** Fraction of the previous row's σ kept by this cut (1 for the first row; 0 when the previous row is 0). */
  efficiency: number;
}

export interface CutFlow {
  /** Process label ("all" when not split). */
  process: string;
  lumiInvFb: number;
  rows: CutFlowRow[];
}

export interface CutFlowOptions {
  /** Integrated luminosity (fb⁻¹) for the expected-event columns; 0 to omit. */
  lumiInvFb?: number;
  /** Only entries with this process code (default: all). */
  processId?: number;
  /** Label of the cut flow. */
  process?: string;
}

/** Cumulative weighted cut flow of `cuts` over the entries of `obs`. */
export function cutFlow(obs: Observables, cuts: readonly Cut[], options: CutFlowOptions = {}): CutFlow {
  const lumi = options.lumiInvFb ?? 0;
  if (!(lumi >= 0) || !Number.isFinite(lumi)) throw new InputError("lumiInvFb", "a finite number ≥ 0", lumi);
  const nRows = cuts.length + 1;
  const sw = Array.from({ length: nRows }, () => new NeumaierSum());
  const sw2 = Array.from({ length: nRows }, () => new NeumaierSum());
  const count = new Array<number>(nRows).fill(0);
  const pid = options.processId;
  // Per-event partial sums: entries of one event are contiguous (reconstructLeptons emits them so).
  const eventSum = new Float64Array(nRows);
  let currentEvent = -1;
  const flushEvent = (): void => {
    for (let k = 0; k < nRows; k++) {
      const s = eventSum[k]!;
      if (s !== 0) sw2[k]!.add(s * s);
      eventSum[k] = 0;
    }
  };
  for (let i = 0; i < obs.n; i++) {
    if (pid !== undefined && obs.processId[i] !== pid) continue;
    if (obs.event[i] !== currentEvent) {
      flushEvent();
      currentEvent = obs.event[i]!;
    }
    let w = obs.weight[i]!;
    for (let k = 0; k < nRows; k++) {
      if (k > 0) {
        w *= cuts[k - 1]!.factor(obs, i);
        if (w === 0) break;
      }
      sw[k]!.add(w);
      eventSum[k] = eventSum[k]! + w;
      if (w !== 0) count[k]!++;
    }
  }
  flushEvent();
  const rows: CutFlowRow[] = [];
  for (let k = 0; k < nRows; k++) {
    const sigma = sw[k]!.value;
    const err = Math.sqrt(Math.max(sw2[k]!.value, 0));
    const prev = k > 0 ? sw[k - 1]!.value : sigma;
    rows.push({
      cut: k === 0 ? "all" : cuts[k - 1]!.name,
      reference: k === 0 ? "" : cuts[k - 1]!.reference,
      sigmaPb: sigma,
      sigmaErrPb: err,
      events: expectedEvents(sigma, lumi),
      eventsErr: expectedEvents(err, lumi),
      entries: count[k]!,
      efficiency: k === 0 ? 1 : prev !== 0 ? sigma / prev : 0,
    });
  }
  return { process: options.process ?? (pid === undefined ? "all" : String(pid)), lumiInvFb: lumi, rows };
}

/**
 * One cut flow per process code present in `obs`, labelled with `processNames` (e.g. the
 * EventBatchInfo `processes` record), plus "all".
 */
export function cutFlowsByProcess(
  obs: Observables,
  cuts: readonly Cut[],
  processNames: Readonly<Record<number, string>> = {},
  lumiInvFb = 0,
): CutFlow[] {
  const ids = [...new Set(obs.processId)].sort((a, b) => a - b);
  const flows = ids.map((id) =>
    cutFlow(obs, cuts, { lumiInvFb, processId: id, process: processNames[id] ?? String(id) }),
  );
  flows.push(cutFlow(obs, cuts, { lumiInvFb, process: "all" }));
  return flows;
}

/** A plain-text table of a cut flow (for logs and reports). */
export function formatCutFlow(flow: CutFlow): string {
  const lines = [`cut flow: ${flow.process}${flow.lumiInvFb > 0 ? ` at ${flow.lumiInvFb} fb^-1` : ""}`];
  lines.push(
    [
      "cut".padEnd(20),
      "sigma [pb]".padStart(14),
      "err [pb]".padStart(12),
      "events".padStart(12),
      "eff".padStart(8),
    ].join(" "),
  );
  for (const r of flow.rows) {
    lines.push(
      [
        r.cut.padEnd(20),
        r.sigmaPb.toExponential(4).padStart(14),
        r.sigmaErrPb.toExponential(2).padStart(12),
        (flow.lumiInvFb > 0 ? r.events.toFixed(1) : "-").padStart(12),
        r.efficiency.toFixed(4).padStart(8),
      ].join(" "),
    );
  }
  return lines.join("\n");
}
