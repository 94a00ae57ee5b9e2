/**
 * dσ/dm_ℓℓ of the background samples (issue: backgrounds, "dσ/dm_ℓℓ from 10 MeV to 10 GeV plotted"):
 * rows per process from the soft-pair histograms of src/generate/background/spectrum.ts, and their
 * log–log figure; `backgroundMllSpectra` generates the paper's nine background processes through
 * src/generate (the same specs and k-factors as the scan) and `writeMllSpectrum` writes the figure
 * (`dnreach plot mll-spectrum`).
 */
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../core/errors.js";
import type { EventBatch } from "../core/events.js";
import type { Histogram1D } from "../core/histogram.js";
import { PAPER_GENERATION_CUTS } from "../generate/background/cuts.js";
import { type BackgroundSpec, backgroundKFactor } from "../generate/background/spec.js";
import {
  mllHistogram,
  type SoftPairing,
  type SpectrumLevel,
  softPairEvents,
} from "../generate/background/spectrum.js";
import { generate } from "../generate/generate.js";
import { writeFileAtomic } from "../io/atomic.js";
import { type WrittenFigure, writeFigure } from "./render.js";

export interface SpectrumRow {
  process: string;
  /** Geometric bin centre and the bin edges. */
  mGeV: number;
  mLoGeV: number;
  mHiGeV: number;
  dsigmaPbPerGeV: number;
  /** MC error of dσ/dm (√Σw² / Δm). */
  errPbPerGeV: number;
  /** Band edges dσ/dm ∓ error (the lower edge floored at 10⁻³ dσ/dm for the log axis). */
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
      mLoGeV: h.edges[i]!,
      mHiGeV: h.edges[i + 1]!,
      dsigmaPbPerGeV: v,
      errPbPerGeV: e,
      lo: Math.max(v - e, v * 1e-3),
      hi: v + e,
    });
  }
  return rows;
}

/**
 * Vega-Lite spec: dσ/dm_ℓℓ on log–log axes, one line and MC band per process (steps at the bin edges:
 * the geometric centres of log bins are midway between the edges on the log axis). `processes` fixes
 * the legend order.
 */
export function mllSpectrumSpec(
  rows: SpectrumRow[],
  title: string,
  processes: readonly string[] = [...new Set(rows.map((r) => r.process))],
): TopLevelSpec {
  const color = {
    field: "process",
    type: "nominal",
    title: "process",
    scale: { domain: [...processes], range: PROCESS_COLOURS.slice(0, Math.max(1, processes.length)) },
    legend: { symbolType: "stroke", symbolStrokeWidth: 2.5, symbolOpacity: 1 },
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width: 640,
    height: 420,
    data: { values: rows },
    encoding: {
      x: {
        field: "mGeV",
        type: "quantitative",
        title: "m_ℓℓ (soft pair) [GeV]",
        scale: { type: "log", domain: [0.01, 10] },
        axis: { format: "~g" },
      },
      color,
    },
    layer: [
      {
        mark: { type: "area", opacity: 0.2, interpolate: "step" },
        encoding: {
          y: { field: "lo", type: "quantitative", scale: { type: "log" }, title: "dσ/dm_ℓℓ [pb/GeV]" },
          y2: { field: "hi" },
        },
      },
      {
        mark: { type: "line", strokeWidth: 1.6, interpolate: "step" },
        encoding: {
          y: { field: "dsigmaPbPerGeV", type: "quantitative", scale: { type: "log" } },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Ten distinguishable colours (W blue/red family, Z green/purple, tt̄ grey/brown). */
const PROCESS_COLOURS = [
  "#1f4e9c",
  "#6fa8dc",
  "#c0392b",
  "#f08080",
  "#2ca02c",
  "#7b3294",
  "#c2a5cf",
  "#2d2d2d",
  "#a0522d",
  "#e69f00",
];

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

/** One background process of the figure: an id (as in src/scan/processes.ts), a legend label, its spec. */
export interface BackgroundProcessEntry {
  id: string;
  label: string;
  spec: BackgroundSpec;
}

/**
 * The paper's nine background processes (Sec. IV) at √s (GeV), with the scan's collision settings
 * (src/scan/processes.ts: G_μ inputs, μ = √ŝ, √ŝ > 10 GeV, the paper's generation cuts): W(→ℓν) + ℓ′ℓ′
 * for ℓ, ℓ′ ∈ {e, μ} (both W charges); Z/γ* → μμee, 4μ and 4e (one process each: `zll` carries every
 * diagram, so its lepton/pair order is only a label — zll-mu-e and zll-e-mu are the same final state);
 * tt̄ + ee and tt̄ + μμ.
 */
export function paperBackgroundProcesses(sqrtS = 13000): BackgroundProcessEntry[] {
  const c = {
    sqrtS,
    scale: { kind: "dynamic" as const },
    ewInputs: "default" as const,
    mHatMinGeV: 10,
    cuts: { ...PAPER_GENERATION_CUTS },
  };
  const name = { e: "e", mu: "μ" } as const;
  const out: BackgroundProcessEntry[] = [];
  for (const lepton of ["mu", "e"] as const) {
    for (const pair of ["e", "mu"] as const) {
      out.push({
        id: `wgamma-${lepton}-${pair}`,
        label: `W(${name[lepton]}ν) + ${name[pair]}${name[pair]}`,
        spec: { kind: "wgamma", charge: "both", lepton, pair, ...c },
      });
    }
  }
  out.push({ id: "zll-mu-e", label: "Z/γ* → μμ ee", spec: { kind: "zll", lepton: "mu", pair: "e", ...c } });
  out.push({ id: "zll-mu-mu", label: "Z/γ* → 4μ", spec: { kind: "zll", lepton: "mu", pair: "mu", ...c } });
  out.push({ id: "zll-e-e", label: "Z/γ* → 4e", spec: { kind: "zll", lepton: "e", pair: "e", ...c } });
  for (const pair of ["e", "mu"] as const) {
    out.push({
      id: `ttbar-${pair}`,
      label: `tt̄ + ${name[pair]}${name[pair]}`,
      spec: { kind: "ttbar", pair, emission: true, ...c },
    });
  }
  return out;
}

/** σ and the dσ/dm_ℓℓ histogram of one generated background process. */
export interface ProcessSpectrum {
  id: string;
  label: string;
  kFactor: number;
  kFactorSource: string;
  /** σ with the generation cuts as the generator reports it: LO and × k (pb, MC errors). */
  sigmaLOPb: number;
  sigmaLOErrPb: number;
  sigmaPb: number;
  sigmaErrPb: number;
  /** Production phase-space points (weighted events). */
  points: number;
  /** Σ k-normalised weights in the histogram range [10 MeV, 10 GeV) and its MC error √Σw² (pb). */
  inRangePb: number;
  inRangeErrPb: number;
  /** Events passing the level with m_ℓℓ below 10 MeV / at or above 10 GeV (pb). */
  belowPb: number;
  abovePb: number;
  /** Events without the pair or failing the level (pb): σ − (inRange + below + above), to rounding. */
  notSelectedPb: number;
  /** Wall time of the generation (s). */
  seconds: number;
  /** dσ/dm_ℓℓ: Σ weights per log bin (pb), 60 bins from 10 MeV to 10 GeV. */
  histogram: Histogram1D;
}

export interface MllSpectrumOptions {
  /** Production points per process. */
  nEvents: number;
  seed: number;
  /** Worker threads (default: all cores). */
  workers?: number;
  /** Selection level (default "none": generation cuts only) and pairing (default "lightest-sfos"). */
  level?: SpectrumLevel;
  pairing?: SoftPairing;
  /**
   * VEGAS warm-up per process (default 8 iterations of 20 000 points, the setting docs/backgrounds.md
   * recommends for the multichannel backgrounds: Z/γ* → μμee reaches ±0.8 % at 10⁵ points, against
   * ±2.7 % with src/generate's default 5 × 10 000).
   */
  warmupPoints?: number;
  warmupIterations?: number;
  /** Called after each process with its result (for progress output). */
  onProcess?: (s: ProcessSpectrum, index: number, total: number) => void;
}

const LEVELS: readonly SpectrumLevel[] = ["none", "pt1", "table2"];
const PAIRINGS: readonly SoftPairing[] = ["lightest-sfos", "candidate"];

/**
 * Generates each process with src/generate (weighted events, normalised with its k-factor from
 * `backgroundKFactor`, so Σ weights = k σ_LO) and fills dσ/dm_ℓℓ of its soft pair at `level`. All
 * k-factors are computed first, so an unsupported √s fails before any generation. Every process runs
 * with `seed` (different integrands: the curves are independent samples).
 */
export async function backgroundMllSpectra(
  processes: readonly BackgroundProcessEntry[],
  o: MllSpectrumOptions,
): Promise<ProcessSpectrum[]> {
  const level = o.level ?? "none";
  const pairing = o.pairing ?? "lightest-sfos";
  if (!LEVELS.includes(level)) throw new InputError("level", `one of ${LEVELS.join(", ")}`, level);
  if (!PAIRINGS.includes(pairing)) throw new InputError("pairing", `one of ${PAIRINGS.join(", ")}`, pairing);
  if (processes.length === 0) throw new InputError("processes", "at least one background process", 0);
  if (!Number.isSafeInteger(o.nEvents) || o.nEvents < 1000 || o.nEvents > 1e9) {
    throw new InputError("n", "an integer in [1000, 1e9] (points per process)", o.nEvents);
  }
  const kFactors = processes.map((p) => {
    try {
      return backgroundKFactor(p.spec);
    } catch (err) {
      // The k-factor tables name `--k-factor`, which this figure does not take: say which process
      // lacks a reference at this √s.
      if (!(err instanceof InputError)) throw err;
      throw new InputError(
        err.field,
        `an energy with a tabulated k-factor for every process (${p.label}: ${err.allowed.replace(/ unless .*$/, "")})`,
        err.received,
      );
    }
  });
  const out: ProcessSpectrum[] = [];
  for (const [i, p] of processes.entries()) {
    const k = kFactors[i]!;
    const t0 = performance.now();
    const r = await generate(p.spec, {
      nEvents: o.nEvents,
      seed: o.seed,
      kFactor: k.kFactor,
      ...(o.workers !== undefined ? { workers: o.workers } : {}),
      warmupPoints: o.warmupPoints ?? 20000,
      warmupIterations: o.warmupIterations ?? 8,
    });
    const seconds = (performance.now() - t0) / 1000;
    const histogram = mllHistogram(softPairEvents(r.batch, pairing), level);
    const inRangePb = histogram.integral();
    let s2 = 0;
    for (let b = 0; b < histogram.bins; b++) s2 += histogram.sumW2[b]!;
    const selected = inRangePb + histogram.underflowW + histogram.overflowW;
    const s: ProcessSpectrum = {
      id: p.id,
      label: p.label,
      kFactor: r.kFactor,
      kFactorSource: k.source,
      sigmaLOPb: r.sigmaLOPb,
      sigmaLOErrPb: r.sigmaLOErrPb,
      sigmaPb: r.sigmaPb,
      sigmaErrPb: r.sigmaErrPb,
      points: r.points,
      inRangePb,
      inRangeErrPb: Math.sqrt(s2),
      belowPb: histogram.underflowW,
      abovePb: histogram.overflowW,
      notSelectedPb: r.sigmaPb - selected,
      seconds,
      histogram,
    };
    out.push(s);
    o.onProcess?.(s, i, processes.length);
  }
  return out;
}

/** CSV of the rows: process, m (GeV, centre and edges), dσ/dm and its MC error (pb/GeV). */
export function mllSpectrumCsv(rows: readonly SpectrumRow[]): string {
  const head = "process,m_GeV,m_lo_GeV,m_hi_GeV,dsigma_dm_pb_per_GeV,mc_error_pb_per_GeV";
  const lines = rows.map(
    (r) => `"${r.process}",${r.mGeV},${r.mLoGeV},${r.mHiGeV},${r.dsigmaPbPerGeV},${r.errPbPerGeV}`,
  );
  return `${[head, ...lines].join("\n")}\n`;
}

const LEVEL_TEXT: Record<SpectrumLevel, string> = {
  none: "generation cuts",
  pt1: "generation cuts + p_T(ℓ1) > 25 GeV",
  table2: "+ p_T(ℓ1) > 25 GeV and Table II kinematics (generator level)",
};

/**
 * Generates the background processes (default: the paper's nine at `sqrtS`) and writes
 * `mll-spectrum.svg/.png/.json` and `mll-spectrum.csv` into `dir`: dσ/dm_ℓℓ from 10 MeV to 10 GeV,
 * one line and ±1σ MC band per process, k-normalised.
 */
export async function writeMllSpectrum(
  dir: string,
  o: MllSpectrumOptions & { sqrtS?: number; processes?: readonly BackgroundProcessEntry[] },
): Promise<WrittenFigure & { csv: string; spectra: ProcessSpectrum[] }> {
  const sqrtS = o.sqrtS ?? 13000;
  const processes = o.processes ?? paperBackgroundProcesses(sqrtS);
  const level = o.level ?? "none";
  const pairing = o.pairing ?? "lightest-sfos";
  const spectra = await backgroundMllSpectra(processes, o);
  const rows: SpectrumRow[] = [];
  for (const s of spectra) rows.push(...spectrumRows(s.label, s.histogram));
  const pairText = pairing === "lightest-sfos" ? "lightest SFOS pair" : "ℓ2ℓ3 (Z_D candidate)";
  const spec = mllSpectrumSpec(
    rows,
    `Background soft-pair spectra, ${sqrtS / 1000} TeV, ${LEVEL_TEXT[level]}, k-normalised (${pairText})`,
    spectra.map((s) => s.label),
  );
  const written = await writeFigure(dir, "mll-spectrum", spec, {
    description:
      "dσ/dm_ℓℓ (pb/GeV) of the soft pair per background process, 10 MeV–10 GeV, 60 log bins, weighted LO events × k-factor (docs/backgrounds.md); lo/hi = ±1σ MC band",
    sqrtS,
    level,
    pairing,
    nEventsPerProcess: o.nEvents,
    seed: o.seed,
    binning: { kind: "log", lo: 0.01, hi: 10, bins: 60 },
    processes: spectra.map(({ histogram: _h, seconds: _s, ...rest }, i) => ({
      ...rest,
      spec: processes[i]!.spec,
    })),
    rows,
  });
  const csv = join(dir, "mll-spectrum.csv");
  await writeFileAtomic(csv, mllSpectrumCsv(rows));
  return { ...written, csv, spectra };
}
