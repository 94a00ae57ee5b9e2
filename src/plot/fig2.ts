/**
 * Paper Fig. 2: dielectron mass resolution versus m_Z_D for m_N = 10 GeV signal events, "computed
 * as the smallest interval containing 68 % of the smeared mass values", for the nominal electron
 * resolutions with the band between the optimistic and pessimistic extremes (Sec. IV).
 *
 * `fig2Data` orchestrates: signal generation (src/generate), smearing of the Z_D electrons with
 * each card and the smallest 68 % interval (src/analysis); `fig2Spec` only draws the numbers.
 */
import type { TopLevelSpec } from "vega-lite";
import { checkRange } from "../core/errors.js";
import { randomStream } from "../core/rng.js";
import type { DetectorCard } from "../detector/card.js";

/** Default m_Z_D grid (GeV) for m_N = 10 GeV: 10 log-spaced-ish points from 50 MeV to 8 GeV. */
export const FIG2_MZD_GEV: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 8];

export type Fig2Card = "paper" | "optimistic" | "pessimistic";

export interface Fig2Row {
  mZD: number;
  card: Fig2Card;
  /** Half-width of the smallest interval holding 68 % of the smeared m_ee (GeV). */
  halfWidthGeV: number;
  /** halfWidth / m_Z_D in percent. */
  resolutionPct: number;
  /** Interval edges (GeV). */
  loGeV: number;
  hiGeV: number;
  /** Events entering (both Z_D electrons in the acceptance). */
  nEvents: number;
}

export interface Fig2Options {
  mN?: number;
  masses?: readonly number[];
  /** "quick": 2000 events per mass and a short warm-up (a few seconds in all); "full": 20 000. */
  size?: "quick" | "full";
  /** Override of the events per mass point. */
  nEvents?: number;
  seed?: number;
  workers?: number;
  /** Cards by role (default: loadCard of the shipped paper/optimistic/pessimistic cards). */
  cards?: Partial<Record<Fig2Card, DetectorCard>>;
}

/** Generates the samples and computes the table of Fig. 2. */
export async function fig2Data(o: Fig2Options = {}): Promise<Fig2Row[]> {
  const mN = checkRange("mN", o.mN ?? 10, { min: 0, minExclusive: true, unit: "GeV" });
  const masses = o.masses ?? FIG2_MZD_GEV;
  const quick = (o.size ?? "full") === "quick";
  const n = o.nEvents ?? (quick ? 2000 : 20000);
  const [{ generate }, { loadCard }, { smearedZDDielectronMasses }, { smallestInterval }] = await Promise.all(
    [
      import("../generate/generate.js"),
      import("../detector/card.js"),
      import("../analysis/pipeline.js"),
      import("../analysis/resolution.js"),
    ],
  );
  const roles: Fig2Card[] = ["paper", "optimistic", "pessimistic"];
  const cards = roles.map((r) => o.cards?.[r] ?? loadCard(r));
  const rows: Fig2Row[] = [];
  for (let k = 0; k < masses.length; k++) {
    const mZD = checkRange(`masses[${k}]`, masses[k]!, {
      min: 0,
      minExclusive: true,
      max: mN,
      maxExclusive: true,
    });
    const g = await generate(
      {
        kind: "signal",
        charge: "both",
        lepton: "mu",
        decayLepton: "e",
        mN,
        mZD,
        U2: 1e-4,
        alphaEps2: 2e-10,
        gD: 0.25,
        nature: "dirac",
        sqrtS: 13000,
        scale: { kind: "dynamic" },
        ewInputs: "default",
        mHatMinGeV: 10,
      },
      {
        nEvents: n,
        seed: (o.seed ?? 1) + k,
        workers: o.workers ?? 0,
        warmupPoints: quick ? 1000 : 5000,
        warmupIterations: quick ? 2 : 4,
      },
    );
    cards.forEach((card, c) => {
      // One detector stream per (mass point, card), disjoint from the generator's streams.
      const rng = randomStream(o.seed ?? 1, 1_000_000 + 10 * k + c);
      const { massGeV, weight } = smearedZDDielectronMasses(g.batch, card, rng);
      const iv = smallestInterval(massGeV, 0.68, weight);
      rows.push({
        mZD,
        card: roles[c]!,
        halfWidthGeV: iv.halfWidth,
        resolutionPct: (100 * iv.halfWidth) / mZD,
        loGeV: iv.lo,
        hiGeV: iv.hi,
        nEvents: massGeV.length,
      });
    });
  }
  return rows;
}

/** CSV of the Fig. 2 table. */
export function fig2Csv(rows: readonly Fig2Row[]): string {
  const head = "mZD_GeV,card,halfWidth_GeV,resolution_pct,lo_GeV,hi_GeV,nEvents";
  return `${[head, ...rows.map((r) => `${r.mZD},${r.card},${r.halfWidthGeV},${r.resolutionPct},${r.loGeV},${r.hiGeV},${r.nEvents}`)].join("\n")}\n`;
}

/**
 * Line (nominal card) with a shaded band between the optimistic and pessimistic cards, log x
 * (m_Z_D from 50 MeV to 8 GeV spans two decades), log y (the relative resolution falls by an order
 * of magnitude over that range).
 */
export function fig2Spec(rows: readonly Fig2Row[], mN = 10): TopLevelSpec {
  const byMass = new Map<number, Partial<Record<Fig2Card, number>>>();
  for (const r of rows) {
    const e = byMass.get(r.mZD) ?? {};
    e[r.card] = r.resolutionPct;
    byMass.set(r.mZD, e);
  }
  const band = [...byMass.entries()]
    .filter(([, v]) => v.optimistic !== undefined && v.pessimistic !== undefined)
    .map(([m, v]) => ({
      mZD: m,
      lo: Math.min(v.optimistic!, v.pessimistic!),
      hi: Math.max(v.optimistic!, v.pessimistic!),
      series: "optimistic – pessimistic",
    }))
    .sort((a, b) => a.mZD - b.mZD);
  const line = rows
    .filter((r) => r.card === "paper")
    .map((r) => ({ mZD: r.mZD, y: r.resolutionPct, series: "nominal (paper card)" }));
  const all = rows.map((r) => r.resolutionPct).filter((v) => v > 0);
  const yMin = niceLogBound(Math.min(...all) / 1.2, "down");
  const yMax = niceLogBound(Math.max(...all) * 1.2, "up");
  const xs = rows.map((r) => r.mZD);
  const x = {
    field: "mZD",
    type: "quantitative",
    title: "m_Z_D [GeV]",
    scale: { type: "log", domain: [Math.min(...xs) / 1.3, Math.max(...xs) * 1.3] },
    axis: { format: "~g" },
  };
  const colour = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: ["nominal (paper card)", "optimistic – pessimistic"], range: ["#1f4e9c", "#9ecae1"] },
    legend: { orient: "top-right", fillColor: "white", symbolType: "square", labelLimit: 0 },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: `Dielectron mass resolution, signal with m_N = ${mN} GeV`,
      subtitle: "half-width of the smallest interval containing 68 % of the smeared m_ee",
    },
    width: 560,
    height: 360,
    layer: [
      {
        data: { values: band },
        mark: { type: "area", opacity: 0.6 },
        encoding: {
          x,
          y: { field: "lo", type: "quantitative" },
          y2: { field: "hi" },
          color: colour,
        },
      },
      {
        data: { values: line },
        mark: { type: "line", strokeWidth: 2, point: { filled: true, size: 40 } },
        encoding: {
          x,
          y: {
            field: "y",
            type: "quantitative",
            title: "σ(m_ee) / m_Z_D [%] (68 % smallest interval)",
            scale: { type: "log", domain: [yMin, yMax] },
            axis: { format: "~g" },
          },
          color: colour,
        },
      },
    ],
  } as TopLevelSpec;
}

/** The nearest of 1, 2, 5 × 10^k below ("down") or above ("up") x > 0, for log-axis domains. */
export function niceLogBound(x: number, dir: "up" | "down"): number {
  const k = Math.floor(Math.log10(x));
  const steps = [1, 2, 5, 10];
  if (dir === "up") {
    for (const s of steps) if (s * 10 ** k >= x) return s * 10 ** k;
    return 10 ** (k + 1);
  }
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]! * 10 ** k <= x) return steps[i]! * 10 ** k;
  return 10 ** k;
}

/** Generates, draws and writes Fig. 2 (`fig2.svg/.png/.json` and `fig2.csv`) into `dir`. */
export async function writeFig2(
  dir: string,
  o: Fig2Options = {},
): Promise<{ svg: string; png: string; data: string; csv: string }> {
  const [{ writeFigure }, { writeFileAtomic }, { join }] = await Promise.all([
    import("./render.js"),
    import("../io/atomic.js"),
    import("node:path"),
  ]);
  const rows = await fig2Data(o);
  const mN = o.mN ?? 10;
  const written = await writeFigure(dir, "fig2", fig2Spec(rows, mN), {
    description:
      "Paper Fig. 2: half-width of the smallest interval holding 68 % of the smeared m_ee of Z_D → e⁺e⁻, relative to m_Z_D, for m_N = 10 GeV signal; cards paper (nominal), optimistic, pessimistic",
    acceptance: "both Z_D electrons with true pT > 1 GeV and |η| < 2.5",
    mN,
    size: o.size ?? "full",
    columns: { mZD: "GeV", halfWidthGeV: "GeV", resolutionPct: "%", loGeV: "GeV", hiGeV: "GeV" },
    rows,
  });
  const csv = join(dir, "fig2.csv");
  await writeFileAtomic(csv, fig2Csv(rows));
  return { ...written, csv };
}
