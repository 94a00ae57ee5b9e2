/**
 * Soft-pair mass spectra of background samples: dσ/dm_ℓℓ (10 MeV – 10 GeV, log bins) with MC errors,
 * the MC error in sliding m_ℓℓ windows (the precision target of the background issue), and the
 * figure builder (Vega-Lite via src/plot/render.ts `writeFigure`).
 *
 * Generator-level observables, as the paper's Sec. V A defines them on reconstructed leptons: the
 * charged leptons ordered by p_T, ℓ1 the leading one, the Z_D candidate ℓ2 + ℓ3 (the two next; for
 * four-lepton events the three leading ones, i.e. the softest lepton "lost"). Levels:
 *  "pt1"    p_T(ℓ1) > 25 GeV (the interim requirement);
 *  "table2" in addition the kinematic cuts of Table II: dφ(ℓ1, ℓ2ℓ3) > 2.7, 2.7 < dR < 3.5,
 *           m(ℓ1ℓ2ℓ3) < 80.3 GeV, p_T(ℓ1ℓ2ℓ3) < m_W/2 = 40.2 GeV (generator level: no smearing,
 *           efficiencies or H_T veto — those need the detector and shower stages).
 */
import type { TopLevelSpec } from "vega-lite";
import { type EventBatch, Status } from "../../core/events.js";
import { Histogram1D } from "../../core/histogram.js";
import { type WrittenFigure, writeFigure } from "../../plot/render.js";

export type SpectrumLevel = "none" | "pt1" | "table2";

export interface SoftPairEvent {
  mll: number;
  pt1: number;
  weight: number;
  passTable2: boolean;
}

/** Per-event soft-pair observables of a batch (events with < 3 charged leptons are skipped). */
export function softPairEvents(batch: EventBatch): SoftPairEvent[] {
  const out: SoftPairEvent[] = [];
  const idx: number[] = [];
  for (let e = 0; e < batch.nEvents; e++) {
    idx.length = 0;
    for (let i = batch.offsets[e]!; i < batch.offsets[e + 1]!; i++) {
      const a = Math.abs(batch.pdg[i]!);
      if (batch.status[i] === Status.final && (a === 11 || a === 13)) idx.push(i);
    }
    if (idx.length < 3) continue;
    const pt = (i: number): number => Math.hypot(batch.px[i]!, batch.py[i]!);
    idx.sort((x, y) => pt(y) - pt(x));
    const [l1, l2, l3] = idx as [number, number, number];
    const sum = (f: Float64Array, a: number, b: number): number => f[a]! + f[b]!;
    const E = sum(batch.E, l2, l3);
    const px = sum(batch.px, l2, l3);
    const py = sum(batch.py, l2, l3);
    const pz = sum(batch.pz, l2, l3);
    const mll = Math.sqrt(Math.max(0, E * E - px * px - py * py - pz * pz));
    // Table II quantities.
    const phi = (x: number, y: number): number => Math.atan2(y, x);
    const eta = (x: number, y: number, z: number): number => Math.asinh(z / Math.hypot(x, y));
    let dphi = Math.abs(phi(batch.px[l1]!, batch.py[l1]!) - phi(px, py));
    if (dphi > Math.PI) dphi = 2 * Math.PI - dphi;
    const deta = eta(batch.px[l1]!, batch.py[l1]!, batch.pz[l1]!) - eta(px, py, pz);
    const dR = Math.hypot(dphi, deta);
    const E3 = E + batch.E[l1]!;
    const x3 = px + batch.px[l1]!;
    const y3 = py + batch.py[l1]!;
    const z3 = pz + batch.pz[l1]!;
    const m3 = Math.sqrt(Math.max(0, E3 * E3 - x3 * x3 - y3 * y3 - z3 * z3));
    const pt3 = Math.hypot(x3, y3);
    out.push({
      mll,
      pt1: pt(l1),
      weight: batch.weight[e]!,
      passTable2: dphi > 2.7 && dR > 2.7 && dR < 3.5 && m3 < 80.3 && pt3 < 40.2,
    });
  }
  return out;
}

function passes(ev: SoftPairEvent, level: SpectrumLevel): boolean {
  if (level === "none") return true;
  if (ev.pt1 <= 25) return false;
  return level === "pt1" || ev.passTable2;
}

/** dσ/dm_ℓℓ histogram (Σ weights per bin, pb; divide by the bin width for the density). */
export function mllHistogram(
  events: readonly SoftPairEvent[],
  level: SpectrumLevel,
  loGeV = 0.01,
  hiGeV = 10,
  bins = 60,
): Histogram1D {
  const h = new Histogram1D({ kind: "log", lo: loGeV, hi: hiGeV, bins });
  for (const ev of events) if (passes(ev, level)) h.fill(ev.mll, ev.weight);
  return h;
}

export interface WindowError {
  /** Window [loGeV, loGeV + widthGeV). */
  loGeV: number;
  widthGeV: number;
  sigmaPb: number;
  errPb: number;
  relErr: number;
}

/**
 * σ and MC error (√Σw²) in windows [m, m + width(m)) for m on a grid from loGeV to hiGeV (nWindows
 * starting points, log-spaced).
 */
export function windowErrors(
  events: readonly SoftPairEvent[],
  level: SpectrumLevel,
  loGeV: number,
  hiGeV: number,
  width: (mGeV: number) => number,
  nWindows = 25,
): WindowError[] {
  const sel = events.filter((e) => passes(e, level)).sort((a, b) => a.mll - b.mll);
  const ms = Float64Array.from(sel, (e) => e.mll);
  const lowerBound = (x: number): number => {
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out: WindowError[] = [];
  for (let k = 0; k < nWindows; k++) {
    const m = loGeV * (hiGeV / loGeV) ** (k / Math.max(1, nWindows - 1));
    const w = width(m);
    const a = lowerBound(m);
    const b = lowerBound(m + w);
    let s = 0;
    let s2 = 0;
    for (let i = a; i < b; i++) {
      s += sel[i]!.weight;
      s2 += sel[i]!.weight ** 2;
    }
    out.push({
      loGeV: m,
      widthGeV: w,
      sigmaPb: s,
      errPb: Math.sqrt(s2),
      relErr: s > 0 ? Math.sqrt(s2) / s : Infinity,
    });
  }
  return out;
}

/** Window widths of the issue: 10 MeV for electrons; 3 → 100 MeV (linear in m over 0.2–10 GeV) for muons. */
export function electronWindow(): number {
  return 0.01;
}
export function muonWindow(mGeV: number): number {
  const f = Math.min(1, Math.max(0, (mGeV - 0.2) / 9.8));
  return 0.003 + f * 0.097;
}

export interface SpectrumRow {
  process: string;
  mGeV: number;
  dsigmaPbPerGeV: number;
  lo: number;
  hi: number;
}

/** Rows of dσ/dm (pb/GeV) per process at the bin centres (geometric), with ±1σ MC bands. */
export function spectrumRows(process: string, h: Histogram1D): SpectrumRow[] {
  const rows: SpectrumRow[] = [];
  for (let i = 0; i < h.bins; i++) {
    const w = h.edges[i + 1]! - h.edges[i]!;
    const v = h.sumW[i]! / w;
    if (!(v > 0)) continue;
    const e = h.error(i) / w;
    rows.push({
      process,
      mGeV: Math.sqrt(h.edges[i]! * h.edges[i + 1]!),
      dsigmaPbPerGeV: v,
      lo: Math.max(v - e, v * 1e-3),
      hi: v + e,
    });
  }
  return rows;
}

/** Vega-Lite spec: dσ/dm_ℓℓ on log–log axes, one line and MC band per process. */
export function mllSpectrumSpec(rows: SpectrumRow[], title: string): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 640,
    height: 400,
    data: { values: rows },
    encoding: {
      x: {
        field: "mGeV",
        type: "quantitative",
        title: "m_ℓℓ (soft pair) [GeV]",
        scale: { type: "log", domain: [0.01, 10] },
        axis: { format: "~g" },
      },
      color: { field: "process", type: "nominal", title: "process" },
    },
    layer: [
      {
        mark: { type: "area", opacity: 0.25 },
        encoding: {
          y: { field: "lo", type: "quantitative", scale: { type: "log" }, title: "dσ/dm_ℓℓ [pb/GeV]" },
          y2: { field: "hi" },
        },
      },
      {
        mark: { type: "line", strokeWidth: 1.6, interpolate: "step-after" },
        encoding: { y: { field: "dsigmaPbPerGeV", type: "quantitative", scale: { type: "log" } } },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Writes `<name>.svg/.png/.json` with dσ/dm_ℓℓ (10 MeV – 10 GeV) of each sample at `level` — the
 * function the lead calls with the generated batches.
 */
export async function writeMllFigure(
  dir: string,
  name: string,
  samples: readonly { label: string; batch: EventBatch }[],
  level: SpectrumLevel = "none",
): Promise<WrittenFigure> {
  const rows: SpectrumRow[] = [];
  for (const s of samples) rows.push(...spectrumRows(s.label, mllHistogram(softPairEvents(s.batch), level)));
  const what =
    level === "none" ? "generation cuts" : level === "pt1" ? "p_T(ℓ1) > 25 GeV" : "Table II kinematics";
  return writeFigure(
    dir,
    name,
    mllSpectrumSpec(rows, `Soft-pair mass spectrum of the backgrounds (13 TeV, ${what})`),
    {
      level,
      rows,
    },
  );
}
