/**
 * Generation cuts of the background samples (paper Sec. IV: "Leptons are generated with p_T > 1 GeV
 * and |η| < 5, and requiring that the mass of the same-flavor, opposite-sign dilepton pair m_ee is
 * greater than 10 MeV"). As in MadGraph's run card (ptl, etal, mmll), the p_T and η cuts apply to
 * charged leptons only and the mass cut to every same-flavour opposite-sign pair.
 */
import { checkRange, InputError } from "../../core/errors.js";

export interface GenerationCuts {
  /** Minimum charged-lepton transverse momentum (GeV). */
  ptMin: number;
  /** Maximum charged-lepton |η|. */
  etaMax: number;
  /** Minimum invariant mass of every same-flavour opposite-sign lepton pair (GeV). */
  mSfosMin: number;
}

/** The paper's generation cuts (Sec. IV). */
export const PAPER_GENERATION_CUTS: Readonly<GenerationCuts> = Object.freeze({
  ptMin: 1,
  etaMax: 5,
  mSfosMin: 0.01,
});

/** Validates cuts (InputError naming the field). */
export function checkCuts(c: GenerationCuts): GenerationCuts {
  checkRange("cuts.ptMin", c.ptMin, { min: 0, max: 1000, unit: "GeV" });
  checkRange("cuts.etaMax", c.etaMax, { min: 0, minExclusive: true, max: 20 });
  checkRange("cuts.mSfosMin", c.mSfosMin, { min: 0, minExclusive: true, max: 50, unit: "GeV" });
  return { ptMin: c.ptMin, etaMax: c.etaMax, mSfosMin: c.mSfosMin };
}

/**
 * Parses `ptMin=1,etaMax=5,mSfosMin=0.01` (any subset; the rest from the paper's cuts), the format
 * of the CLI's `--cuts`.
 */
export function parseCuts(text: string): GenerationCuts {
  const out: GenerationCuts = { ...PAPER_GENERATION_CUTS };
  for (const part of text.split(",")) {
    const t = part.trim();
    if (t === "") continue;
    const m = /^(ptMin|etaMax|mSfosMin)=(.+)$/.exec(t);
    if (!m) throw new InputError("cuts", "comma-separated ptMin=<GeV>, etaMax=<η>, mSfosMin=<GeV>", text);
    const v = Number(m[2]);
    if (!Number.isFinite(v)) throw new InputError(`cuts.${m[1]}`, "a finite number", m[2]);
    out[m[1] as keyof GenerationCuts] = v;
  }
  return checkCuts(out);
}

/** True when the momentum at p[o] passes the charged-lepton p_T and |η| cuts. */
export function passesLeptonCuts(p: Float64Array, o: number, c: GenerationCuts): boolean {
  const px = p[o + 1]!;
  const py = p[o + 2]!;
  const pz = p[o + 3]!;
  const pt2 = px * px + py * py;
  if (pt2 < c.ptMin * c.ptMin || pt2 === 0) return false;
  // |η| < ηmax ⇔ |pz| < pT sinh(ηmax).
  const s = Math.sinh(c.etaMax);
  return pz * pz < pt2 * s * s;
}
