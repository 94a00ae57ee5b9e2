/**
 * Transverse-momentum-ordered initial-state shower: backward evolution of both incoming partons.
 *
 * Backward evolution (T. Sjöstrand, Phys. Lett. B157 (1985) 321), pT-ordered as in Sjöstrand &
 * Skands, Eur. Phys. J. C39 (2005) 129, Sec. 2.2. A parton b at momentum fraction x is resolved at
 * decreasing pT into a mother a at x' = x/z that emitted a final-state parton c, with probability
 *
 *   dP(a → b c) = (α_s(pT)/2π) (dpT²/pT²) dz P_{a→b}(z) [x' f_a(x', pT)] / [x f_b(x, pT)],
 *
 * using the same PDF set and α_s as the hard process. Splitting kernels (Altarelli & Parisi,
 * Nucl. Phys. B126 (1977) 298; C_F = 4/3, C_A = 3, T_R = 1/2):
 *   q → q (g emitted):   C_F (1 + z²)/(1 − z)
 *   g → q (q̄ emitted):   T_R (z² + (1 − z)²)
 *   q → g (q emitted):   C_F (1 + (1 − z)²)/z
 *   g → g (g emitted):   2 C_A (1 − z(1 − z))² / (z(1 − z))
 *
 * Veto algorithm (Sjöstrand, Mrenna, Skands, JHEP 05 (2006) 026, Sec. 4.2): the evolution runs in
 * pT windows of a factor 4 on the fixed grid pT_min·4ᵏ. In window k every channel of both beams
 * gets an overestimate c · g(z) · ᾱ_k(Q²)/2π · dQ²/Q² in the variable Q² = pT² + pT0² (so the pT0
 * regularisation below is part of the overestimate, not a veto), with an integrable g(z) (1/(1 − z),
 * 1 or 1/z), the one-loop ᾱ_k(Q²) = 1/(b₀ ln(Q²/Λ̂_k²)) with Λ̂_k fitted to the window
 * (`ShowerCoupling.lambda2Over`), and c = colour factor × headroom × a bound on the PDF ratio over
 * the z range and the window. The sum over channels of both beams gives one trial Q² (equivalent to
 * generating a trial per beam and picking the larger); the trial is accepted with probability
 * (true density)/(overestimate) = [α_s(Q)/ᾱ_k(Q²)] [P(z)/(colour·g(z))] [PDF ratio/bound] (× ME
 * correction), each factor ≤ 1 when the overestimate holds. A weight above 1 is counted in
 * `violations` (Pythia's "weight above unity" statistics), never hidden.
 *
 * PDF-ratio bound: the ratio x′f_a(x′, Q)/(x f_b(x, Q)) is bounded at each window edge Q_e with
 * M_a(y, Q) = max over x′ ≥ y of x′f_a(x′, Q), tabulated once per run on 40 nodes per decade (log x
 * below 0.1, log(1 − x) above; M_a is non-increasing, so its value at the node below y bounds it).
 * The z range is cut into pieces of a factor 4 downwards from z_max; in piece j, x′ = x/z ≥
 * x′_j = x·4ʲ/z_max, so the piece gets M_a(x′_j, Q_e)/(x f_b(x, Q_e)), the larger of the two edges
 * (the ratio's Q dependence inside a factor-4 window is assumed monotone). Channels with a 1/z or
 * flat g(z) (q ← g, g ← q and the 1/z part of g ← g) get one trial entry per piece, the 1/(1 − z)
 * ones (q ← q, soft part of g ← g) one entry with the piece-0 bound. The density x f_b(x, Q_e) of
 * the current parton is bounded from below by the smaller tabulated value at the two nodes around
 * x, so setting up a window needs no PDF evaluation; the headroom covers what these bounds assume.
 * Outside the table (x < 1e-6, windows clipped at a heavy-quark threshold, start scales above the
 * last edge) the bound is the maximum of the ratio at a few x′ points at the actual window edges.
 *
 * Evolution variable and physical pT (Sjöstrand & Skands 2005, Sec. 2.2): the ordering variable
 * is p⊥²_evol = (1 − z) Q², Q² the space-like virtuality of the new initiator. For the branching
 * seen as a 2 → 2 process with ŝ′ = ŝ/z, t̂ = −Q² (ŝ = mass² of the current subsystem) the emitted
 * parton's physical transverse momentum is p⊥² = t̂û/ŝ′ = p⊥²_evol − z Q⁴/ŝ, which the kinematics
 * use. Phase space: x′ = x/z < 1 and p⊥² > 0, i.e. p⊥²_evol < ŝ(1 − z)²/z, i.e.
 * z < z_max = 1 + 2r − 2√(r(1 + r)) with r = p⊥²_evol/(4ŝ).
 *
 * Matrix-element correction (Miu & Sjöstrand, Phys. Lett. B449 (1999) 313): for a colour-singlet
 * q q̄′ → V process evolved from the kinematic limit, the first emission is reweighted with
 * ŝ = M²/z, t̂ = −Q², û = Q² − M²(1 − z)/z, Q² = pT²/(1 − z):
 *   q q̄ → V g:  (t̂² + û² + 2M²ŝ)/(ŝ² + M⁴);   q g → V q:  (ŝ² + t̂² + 2M²û)/((ŝ − M²)² + M⁴).
 * Here t̂ is the virtuality of the branching line, so both ratios → 1 in the collinear limit
 * t̂ → 0 (q g → V q: |M|² ∝ −(ŝ² + t̂² + 2M²û)/(ŝ t̂), pole at t̂ = (p_g − p_q,out)² → 0, over the
 * g → q q̄ kernel ∝ ((ŝ − M²)² + M⁴)/(ŝ² (−t̂))). The q g ratio exceeds 1 (up to (3 + √5)/2 at
 * û → 0), so the q ← g overestimate of the first emission is doubled (`ME_GQ_BOOST`, which covers
 * kernel × ratio) and the veto stays exact.
 *
 * Regularisation: with pT0 > 0 the rate uses α_s(√(pT² + pT0²)) dpT²/(pT² + pT0²) instead of
 * α_s(pT) dpT²/pT² (as Pythia 8's SpaceShower:pT0Ref; Sjöstrand & Skands 2005, Sec. 2.3), on top
 * of the sharp cutoff pTmin. In Q² = pT² + pT0² this is α_s(Q) dQ²/Q², the form sampled above.
 *
 * Heavy-quark initiators (c, b): below the quark mass their density vanishes, so when the
 * evolution reaches m_Q the quark is forced to come from g → Q Q̄ with z from T_R(z² + (1−z)²)
 * (Pythia does the same near threshold); counted in `forcedHeavy`.
 *
 * Negative PDF values (possible in some sets at low Q) are treated as zero in the ratios.
 */
import { M_BOTTOM_THRESHOLD, M_CHARM_THRESHOLD } from "../core/constants.js";
import type { RandomStream } from "../core/rng.js";
import { type ShowerCoupling, type ShowerPdf, uniform32 } from "./coupling.js";

const C_F = 4 / 3;
const C_A = 3;
const T_R = 0.5;
const TWO_PI = 2 * Math.PI;
/** Ratio of consecutive pT window edges. */
const WINDOW = 4;
const LOG_WINDOW = Math.log(WINDOW);
/**
 * Points x′ of the direct PDF-ratio bound (outside the table): x itself, N_LOW log-spaced in x′
 * from x up to max(x, 0.3), and N_HIGH log-spaced in 1 − x′ down to 5 % of 1 − max(x, 0.3) (where
 * valence quarks dominate).
 */
const N_LOW = 2;
const N_HIGH = 1;
const X_XP_MID = 0.3;
/** Cache slots per side for the direct PDF-ratio bounds at window edges. */
const CACHE = 3;
/** Largest x′ a mother may carry. */
const X_MAX = 0.9999;
/** Light flavours a gluon may come from (q and q̄ of d, u, s, c, b). */
const MOTHER_QUARKS = [1, 2, 3, 4, 5, -1, -2, -3, -4, -5] as const;

/** Nodes of the tabulated bound M_a(x, Q): log x from TAB_X_MIN to TAB_X_MID, then log(1 − x). */
const TAB_X_MIN = 1e-6;
const TAB_X_MID = 0.1;
const TAB_PER_DECADE = 40;
/** Slots of the table per node: x·f at PDG id + 6 (gluon at 6), the quark sum Σ_q x·f at 13. */
const TAB_SLOTS = 14;
const SLOT_G = 6;
const SLOT_SUMQ = 13;

/** z pieces of the x′-dependent overestimates: factor PIECE each, downwards from z_max. */
const PIECE = 4;
const LOG_PIECE = Math.log(PIECE);
const MAX_PIECES = 12;
/** Trial entries per side: one 1/(1 − z) entry and up to two channels × MAX_PIECES pieces. */
const ENTRIES = 1 + 2 * MAX_PIECES;
/** Table nodes per unit of ln x (40 per decade). */
const NODES_PER_LN = TAB_PER_DECADE / Math.LN10;
/** Node-index step per piece in the log-x part of the table: 40 log₁₀(4). */
const NODE_STEP = TAB_PER_DECADE * Math.log10(PIECE);
/**
 * Factor on the first emission's q ← g overestimate for the q g → V q matrix-element correction R
 * (header): with ŝ = M²/z, t̂ = −yM²(1 − z)/z, û = −(1 − y)M²(1 − z)/z (y = Q²/Q²_max ∈ (0, 1]),
 * R − 1 = y(1 − z)[y(1 − z) + 2z]/(z² + (1 − z)²) grows with y, so R ≤ R(y = 1) =
 * (1 + (1 − z)²)/(z² + (1 − z)²) and kernel × R ≤ T_R(1 + (1 − z)²) ≤ 2 T_R: twice the flat
 * overestimate T_R covers it, with R applied in the first acceptance stage.
 */
const ME_GQ_BOOST = 2;
/** Shapes g(z) of the trial entries. */
const SH_SOFT = 0; // 1/(1 − z)
const SH_FLAT = 1; // 1
const SH_INV = 2; // 1/z

/** Channels: b = current parton, a = mother. */
const CH_QQ = 0; // q ← q, g emitted
const CH_GQ = 1; // q ← g, q̄ emitted
const CH_QG = 2; // g ← q, q emitted
const CH_GG = 3; // g ← g, g emitted

/** Colour factors of the overestimates per channel: 2C_F, T_R, 2C_F, 2C_A. */
const COLOUR = [2 * C_F, T_R, 2 * C_F, 2 * C_A] as const;

/** z shape g(z) of each channel's overestimate: 1/(1 − z), 1, 1/z, 1/z + 1/(1 − z). */
function shapeOf(ch: number, z: number): number {
  if (ch === CH_QQ) return 1 / (1 - z);
  if (ch === CH_GQ) return 1;
  if (ch === CH_QG) return 1 / z;
  return 1 / z + 1 / (1 - z);
}

/** Kind of matrix-element correction for the first emission. */
export const ME_NONE = 0;
export const ME_QQBAR_V = 1;

/** z_max from p⊥²_evol < ŝ(1 − z)²/z (see the header). */
export function zMaxOf(pT2: number, sHat: number): number {
  const r = pT2 / (4 * sHat);
  return 1 + 2 * r - 2 * Math.sqrt(r * (1 + r));
}

function isHeavy(id: number): boolean {
  const a = Math.abs(id);
  return a === 4 || a === 5;
}

function heavyMass(id: number): number {
  return Math.abs(id) === 4 ? M_CHARM_THRESHOLD : M_BOTTOM_THRESHOLD;
}

/** Splitting kernel P_{a→b}(z) of channel ch. */
export function splittingKernel(ch: number, z: number): number {
  switch (ch) {
    case CH_QQ:
      return (C_F * (1 + z * z)) / (1 - z);
    case CH_GQ:
      return T_R * (z * z + (1 - z) * (1 - z));
    case CH_QG:
      return (C_F * (1 + (1 - z) * (1 - z))) / z;
    default: {
      const t = 1 - z * (1 - z);
      return (2 * C_A * t * t) / (z * (1 - z));
    }
  }
}

/** Results of one event's evolution: emissions in order of decreasing pT. */
export interface IsrRecord {
  n: number;
  side: Int8Array;
  /** Physical transverse momentum of the emitted parton (GeV). */
  pT: Float64Array;
  /** Evolution (ordering) variable p⊥_evol (GeV). */
  pTevol: Float64Array;
  z: Float64Array;
  phi: Float64Array;
  /** x of the new initiator right after the emission (= x_before / z). */
  xNew: Float64Array;
  /** PDG id of the emitted final-state parton. */
  emitted: Int32Array;
  /** Final initiators. */
  x: Float64Array;
  id: Int32Array;
}

export function allocateIsrRecord(capacity = 64): IsrRecord {
  return {
    n: 0,
    side: new Int8Array(capacity),
    pT: new Float64Array(capacity),
    pTevol: new Float64Array(capacity),
    z: new Float64Array(capacity),
    phi: new Float64Array(capacity),
    xNew: new Float64Array(capacity),
    emitted: new Int32Array(capacity),
    x: new Float64Array(2),
    id: new Int32Array(2),
  };
}

function growRecord(r: IsrRecord): IsrRecord {
  const c = r.side.length * 2;
  const g = allocateIsrRecord(c);
  g.side.set(r.side);
  g.pT.set(r.pT);
  g.pTevol.set(r.pTevol);
  g.z.set(r.z);
  g.phi.set(r.phi);
  g.xNew.set(r.xNew);
  g.emitted.set(r.emitted);
  g.x.set(r.x);
  g.id.set(r.id);
  g.n = r.n;
  return g;
}

/** Counters of the evolution (reported, never silently dropped). */
export interface IsrStats {
  trials: number;
  emissions: number;
  /** Trials whose acceptance weight exceeded 1 (overestimate too small). */
  violations: number;
  maxViolationWeight: number;
  /** Heavy-quark initiators converted to gluons at threshold. */
  forcedHeavy: number;
}

/** M_a and raw x·f at the table nodes and window edges (see InitialStateShower). */
interface BoundTable {
  table: Float64Array;
  raw: Float64Array;
}

/** Tables per PDF set and (√s, pT_min); a set's densities never change once loaded. */
const TABLES = new WeakMap<ShowerPdf, Map<string, BoundTable>>();

/**
 * x·f (negative as 0) at every node and edge, and its running maximum from x = X_MAX down to each
 * node (M_a, non-increasing in x), per slot id + 6 (gluon 6) and Σ_q x·f at SLOT_SUMQ.
 */
function buildTable(pdf: ShowerPdf, edges: Float64Array, nodes: Float64Array): BoundTable {
  const nEdges = edges.length;
  const nNodes = nodes.length;
  const table = new Float64Array(nEdges * nNodes * TAB_SLOTS);
  const raw = new Float64Array(nEdges * nNodes * TAB_SLOTS);
  const f = new Float64Array(16);
  for (let e = 0; e < nEdges; e++) {
    const q = edges[e]!;
    for (let i = nNodes - 1; i >= 0; i--) {
      pdf.xfxQAll(nodes[i]!, q, f);
      const at = (e * nNodes + i) * TAB_SLOTS;
      const next = i + 1 < nNodes ? at + TAB_SLOTS : -1;
      let sumQ = 0;
      for (let s = 0; s < 13; s++) {
        const v = Math.max(f[s]!, 0);
        raw[at + s] = v;
        if (s !== SLOT_G && s !== 0 && s !== 12) sumQ += v;
        table[at + s] = next >= 0 ? Math.max(v, table[next + s]!) : v;
      }
      table[at + SLOT_SUMQ] = next >= 0 ? Math.max(sumQ, table[next + SLOT_SUMQ]!) : sumQ;
    }
  }
  return { table, raw };
}

export class InitialStateShower {
  readonly pdf: ShowerPdf;
  readonly coupling: ShowerCoupling;
  readonly sqrtS: number;
  readonly pTmin: number;
  readonly headroom: number;
  readonly stats: IsrStats = {
    trials: 0,
    emissions: 0,
    violations: 0,
    maxViolationWeight: 0,
    forcedHeavy: 0,
  };
  record: IsrRecord = allocateIsrRecord();

  /** pT0² of the smooth regularisation (0 = none). */
  readonly pT0Sq: number;
  /** Window edges pT_min·4ᵏ, k = 0..nEdges − 1 (the last one ≥ √s). */
  readonly edges: Float64Array;
  /** Λ̂_k² of the one-loop overestimate in window k = [edges[k], edges[k+1]] (in Q² = pT² + pT0²). */
  readonly windowLambda2: Float64Array;
  /** Nodes of the bound table and M_a(node, edge) at [(edge·nNodes + node)·TAB_SLOTS + slot]. */
  private readonly nodes: Float64Array;
  /** Number of log-x nodes (below TAB_X_MID). */
  private readonly nLow: number;
  private readonly table: Float64Array;
  /** x·f (negative as 0) at the same nodes and edges, slots id + 6 (gluon 6). */
  private readonly raw: Float64Array;
  private readonly single: boolean;
  private readonly pair: boolean;
  private readonly two = new Float64Array(2);

  // Scratch (no allocation in the loop).
  private readonly f = new Float64Array(16);
  private readonly fp = new Float64Array(16);
  private readonly zLo = new Float64Array(2);
  private readonly zHi = new Float64Array(2);
  /** Per side × piece: PDF-ratio bounds (no headroom) of channel A (same quark or Σq) and B (gluon). */
  private readonly nPieces = new Int32Array(2);
  private readonly pieceRA = new Float64Array(2 * MAX_PIECES);
  private readonly pieceRB = new Float64Array(2 * MAX_PIECES);
  /** Per side: trial entries (channel, shape, piece, z range, log of the range, weight c·∫g dz). */
  private readonly nEnt = new Int32Array(2);
  private readonly entCh = new Int8Array(2 * ENTRIES);
  private readonly entShape = new Int8Array(2 * ENTRIES);
  private readonly entPiece = new Int8Array(2 * ENTRIES);
  private readonly entLo = new Float64Array(2 * ENTRIES);
  private readonly entHi = new Float64Array(2 * ENTRIES);
  private readonly entLog = new Float64Array(2 * ENTRIES);
  private readonly entW = new Float64Array(2 * ENTRIES);
  /** Per side: table node index of the current x (−1 below the table). */
  private readonly node = new Int32Array(2);
  /** Per-side cache (CACHE slots, round robin) of direct bounds: key (x, id, Q) and the two maxima. */
  private readonly cX = new Float64Array(2 * CACHE);
  private readonly cId = new Int32Array(2 * CACHE);
  private readonly cQ = new Float64Array(2 * CACHE);
  private readonly cRA = new Float64Array(2 * CACHE);
  private readonly cRB = new Float64Array(2 * CACHE);
  private readonly cNext = new Uint8Array(2);
  private outRA = 0;
  private outRB = 0;
  /** Factor on the q ← g overestimate: ME_GQ_BOOST while the first emission is ME-corrected. */
  private meBoost = 1;
  /** Λ̂² of a window above the last edge (start scales beyond √s), computed when needed. */
  private topQ = 0;
  private topLambda2 = 0;

  constructor(
    pdf: ShowerPdf,
    coupling: ShowerCoupling,
    sqrtS: number,
    pTmin: number,
    headroom: number,
    pT0 = 0,
  ) {
    this.pT0Sq = pT0 * pT0;
    this.pdf = pdf;
    this.coupling = coupling;
    this.sqrtS = sqrtS;
    this.pTmin = pTmin;
    this.headroom = headroom;
    this.single = typeof pdf.xfxQ === "function";
    this.pair = typeof pdf.xfxQPair === "function";
    const nEdges = Math.max(2, Math.ceil(Math.log(sqrtS / pTmin) / LOG_WINDOW - 1e-12) + 1);
    this.edges = new Float64Array(nEdges);
    for (let k = 0; k < nEdges; k++) this.edges[k] = pTmin * WINDOW ** k;
    this.windowLambda2 = new Float64Array(nEdges - 1);
    for (let k = 0; k + 1 < nEdges; k++) {
      const a = this.edges[k]!;
      const b = this.edges[k + 1]!;
      this.windowLambda2[k] = coupling.lambda2Over(
        Math.sqrt(a * a + this.pT0Sq),
        Math.sqrt(b * b + this.pT0Sq),
      );
    }
    // Table nodes: 40 per decade in x up to TAB_X_MID, then 40 per decade in 1 − x down to 1 − X_MAX.
    const nLow = Math.round(Math.log10(TAB_X_MID / TAB_X_MIN) * TAB_PER_DECADE);
    const nHigh = Math.ceil(Math.log10((1 - TAB_X_MID) / (1 - X_MAX)) * TAB_PER_DECADE);
    const nNodes = nLow + nHigh + 1;
    this.nLow = nLow;
    this.nodes = new Float64Array(nNodes);
    for (let i = 0; i < nLow; i++) this.nodes[i] = TAB_X_MIN * 10 ** (i / TAB_PER_DECADE);
    for (let j = 0; j < nHigh; j++) this.nodes[nLow + j] = 1 - (1 - TAB_X_MID) * 10 ** (-j / TAB_PER_DECADE);
    this.nodes[nNodes - 1] = X_MAX;
    // The table depends only on the PDF set and the edges: built once per (set, √s, pT_min) and
    // shared by every shower on that set (read-only afterwards).
    let bySet = TABLES.get(pdf);
    if (bySet === undefined) {
      bySet = new Map();
      TABLES.set(pdf, bySet);
    }
    const key = `${sqrtS}|${pTmin}`;
    let tab = bySet.get(key);
    if (tab === undefined) {
      tab = buildTable(pdf, this.edges, this.nodes);
      bySet.set(key, tab);
    }
    this.table = tab.table;
    this.raw = tab.raw;
  }

  /** x·f of parton id (21 = gluon) at (x, Q), negative values as 0; only that flavour if possible. */
  private xf1(id: number, x: number, Q: number): number {
    if (this.single) return Math.max(this.pdf.xfxQ!(id, x, Q), 0);
    this.pdf.xfxQAll(x, Q, this.fp);
    return Math.max(this.fp[id === 21 ? 6 : id + 6]!, 0);
  }

  /** x·f of parton id from an all-flavour row, negative values as 0. */
  private xf(out: Float64Array, id: number): number {
    if (id === 21) return Math.max(out[6]!, 0);
    return Math.max(out[id + 6]!, 0);
  }

  private sumQuarks(out: Float64Array): number {
    let s = 0;
    for (let k = 0; k < MOTHER_QUARKS.length; k++) s += Math.max(out[MOTHER_QUARKS[k]! + 6]!, 0);
    return s;
  }

  /** Largest table node ≤ xv (xv ≥ TAB_X_MIN), starting from the estimate `guess`. */
  private nodeFrom(xv: number, guess: number): number {
    const nodes = this.nodes;
    const n = nodes.length;
    let i = guess;
    if (!(i >= 0)) i = 0;
    if (i > n - 1) i = n - 1;
    while (i > 0 && nodes[i]! > xv) i--;
    while (i + 1 < n && nodes[i + 1]! <= xv) i++;
    return i;
  }

  /** Estimate of the node index of xv (exact up to the rounding fixed by nodeFrom). */
  private nodeGuess(xv: number): number {
    return xv < TAB_X_MID
      ? Math.floor(Math.log(xv / TAB_X_MIN) * NODES_PER_LN)
      : this.nLow + Math.floor(Math.log((1 - TAB_X_MID) / (1 - xv)) * NODES_PER_LN);
  }

  /** Marks side s as changed (new x): recomputes its table node. */
  private touch(s: number, x: number): void {
    this.node[s] = x >= TAB_X_MIN ? this.nodeFrom(x, this.nodeGuess(x)) : -1;
  }

  /**
   * Lower bound of x f_b(x, edges[e]) for the x of side s: the smaller tabulated value at the two
   * nodes around x (x·f is smooth between nodes 6 % apart in x or 1 − x; an interior minimum below
   * both is left to the headroom, like the Q dependence inside a window).
   */
  private denAt(s: number, slot: number, e: number): number {
    const nNodes = this.nodes.length;
    const i = this.node[s]!;
    const at = (e * nNodes + i) * TAB_SLOTS + slot;
    const a = this.raw[at]!;
    return i + 1 < nNodes ? Math.min(a, this.raw[at + TAB_SLOTS]!) : a;
  }

  /**
   * Trial entries of side s in the window [pLo, qTop] (window index k; `direct` when pLo/qTop are
   * not both table edges). The z range [x/X_MAX, z_max(pLo)] is cut into pieces of a factor PIECE
   * downwards from z_max; piece j has x′ ≥ x′_j = x·PIECEʲ/z_max, so its PDF-ratio bound is
   * max over the edges of M_a(x′_j)/(x f_b(x)). Entries: q ← q (1/(1 − z), bound of piece 0) and
   * q ← g (flat, per piece) for a quark; g ← g soft part (1/(1 − z), piece 0), g ← q and the g ← g
   * 1/z part (per piece) for a gluon. Weight = colour × headroom × bound × ∫ g(z) dz.
   */
  private setupSide(
    s: number,
    x: number,
    id: number,
    k: number,
    pLo: number,
    qTop: number,
    sHat: number,
    direct: boolean,
  ): void {
    const zmin = x / X_MAX;
    const zmax = zMaxOf(pLo * pLo, sHat);
    this.nEnt[s] = 0;
    this.zLo[s] = zmin;
    this.zHi[s] = zmax;
    if (!(zmax > zmin) || !(x < X_MAX)) return;
    const gluon = id === 21;
    let np = Math.ceil(Math.log(zmax / zmin) / LOG_PIECE - 1e-9);
    if (np < 1) np = 1;
    if (np > MAX_PIECES) np = MAX_PIECES;
    this.nPieces[s] = np;
    const pb = s * MAX_PIECES;
    const i0 = this.node[s]!;
    const useTable = !direct && i0 >= 0;
    let rA = 0;
    let rB = 0;
    if (!useTable) {
      // Window edges: the upper edge is usually the previous window's lower edge (cached).
      this.edgeRatios(s, x, id, qTop);
      rA = this.outRA;
      rB = this.outRB;
      this.edgeRatios(s, x, id, pLo);
      rA = Math.max(rA, this.outRA);
      rB = Math.max(rB, this.outRB);
    }
    const nNodes = this.nodes.length;
    const slotA = gluon ? SLOT_SUMQ : id + 6;
    const slotB = gluon ? SLOT_G : id + 6;
    const d0 = useTable ? this.denAt(s, slotB, k) : 0;
    const d1 = useTable ? this.denAt(s, slotB, k + 1) : 0;
    const at0 = k * nNodes * TAB_SLOTS;
    const at1 = (k + 1) * nNodes * TAB_SLOTS;
    const table = this.table;
    const h = this.headroom;
    const cA = 2 * C_F * h;
    const cB = gluon ? 2 * C_A * h : T_R * h * this.meBoost;
    let xj = x / zmax;
    const g0 = useTable ? this.nodeGuess(xj) : 0;
    let hi = zmax;
    for (let j = 0; j < np; j++) {
      const last = j === np - 1;
      const lo = last ? zmin : hi / PIECE;
      if (useTable) {
        const i = this.nodeFrom(xj, xj < TAB_X_MID ? Math.floor(g0 + j * NODE_STEP) : this.nodeGuess(xj));
        rA = 0;
        rB = 0;
        if (d0 > 0) {
          rA = table[at0 + i * TAB_SLOTS + slotA]! / d0;
          rB = table[at0 + i * TAB_SLOTS + SLOT_G]! / d0;
        }
        if (d1 > 0) {
          rA = Math.max(rA, table[at1 + i * TAB_SLOTS + slotA]! / d1);
          rB = Math.max(rB, table[at1 + i * TAB_SLOTS + SLOT_G]! / d1);
        }
      }
      this.pieceRA[pb + j] = rA;
      this.pieceRB[pb + j] = rB;
      if (j === 0) {
        // The 1/(1 − z) entry over the whole range, with the piece-0 bound.
        const lg = Math.log((1 - zmin) / (1 - zmax));
        if (gluon) this.addEntry(s, CH_GG, SH_SOFT, 0, zmin, zmax, lg, cB * rB * lg);
        else this.addEntry(s, CH_QQ, SH_SOFT, 0, zmin, zmax, lg, cA * rA * lg);
      }
      if (gluon) {
        const lg = last ? Math.log(hi / lo) : LOG_PIECE;
        this.addEntry(s, CH_QG, SH_INV, j, lo, hi, lg, cA * rA * lg);
        this.addEntry(s, CH_GG, SH_INV, j, lo, hi, lg, cB * rB * lg);
      } else {
        this.addEntry(s, CH_GQ, SH_FLAT, j, lo, hi, 0, cB * rB * (hi - lo));
      }
      hi = lo;
      xj *= PIECE;
    }
  }

  /** Appends a trial entry (skipped if its weight is not positive). */
  private addEntry(
    s: number,
    ch: number,
    shape: number,
    piece: number,
    lo: number,
    hi: number,
    lg: number,
    w: number,
  ): void {
    if (!(w > 0) || !(hi > lo)) return;
    const m = s * ENTRIES + this.nEnt[s]!;
    this.entCh[m] = ch;
    this.entShape[m] = shape;
    this.entPiece[m] = piece;
    this.entLo[m] = lo;
    this.entHi[m] = hi;
    this.entLog[m] = lg;
    this.entW[m] = w;
    this.nEnt[s] = this.nEnt[s]! + 1;
  }

  /**
   * Direct bound (outside the table): maxima over the x′ points of the two channel PDF ratios for
   * side s at scale Q, into outRA, outRB; cached per side on (x, id, Q).
   */
  private edgeRatios(s: number, x: number, id: number, Q: number): void {
    for (let j = 0; j < CACHE; j++) {
      const c = s * CACHE + j;
      if (this.cX[c] === x && this.cId[c] === id && this.cQ[c] === Q) {
        this.outRA = this.cRA[c]!;
        this.outRB = this.cRB[c]!;
        return;
      }
    }
    const gluon = id === 21;
    let rA = 0;
    let rB = 0;
    this.pdf.xfxQAll(x, Q, this.f);
    const den = this.xf(this.f, id);
    if (den > 0) {
      const xa = Math.max(x, X_XP_MID);
      for (let k = 0; k <= N_LOW + N_HIGH; k++) {
        // Log-spaced in x′ from x to 0.3, then log-spaced in 1 − x′ down to 5 % of 1 − max(x, 0.3).
        if (k > 0 && k <= N_LOW && xa === x) continue;
        const xp =
          k === 0
            ? x
            : k <= N_LOW
              ? x * (xa / x) ** (k / N_LOW)
              : 1 - (1 - xa) * 0.05 ** ((k - N_LOW) / N_HIGH);
        const fp = k === 0 ? this.f : this.fp;
        if (k > 0) this.pdf.xfxQAll(xp, Q, fp);
        if (gluon) {
          rA = Math.max(rA, this.sumQuarks(fp) / den);
          rB = Math.max(rB, this.xf(fp, 21) / den);
        } else {
          rA = Math.max(rA, this.xf(fp, id) / den);
          rB = Math.max(rB, this.xf(fp, 21) / den);
        }
      }
    }
    const c = s * CACHE + this.cNext[s]!;
    this.cNext[s] = (this.cNext[s]! + 1) % CACHE;
    this.cX[c] = x;
    this.cId[c] = id;
    this.cQ[c] = Q;
    this.cRA[c] = rA;
    this.cRB[c] = rB;
    this.outRA = rA;
    this.outRB = rB;
  }

  /**
   * The PDF-ratio bounds per z piece (channel A = same quark or Σq, B = gluon; no headroom) that
   * the overestimates of a parton (x, id) in window k use, from the table or directly, with the
   * piece edges (piece j: z ∈ [zEdges[j + 1], zEdges[j]]); for tests that compare the table with
   * a brute-force maximum (the twin of the fast path).
   */
  ratioBounds(
    x: number,
    id: number,
    k: number,
    direct: boolean,
    sHat = this.sqrtS * this.sqrtS,
  ): { zEdges: number[]; rA: number[]; rB: number[] } {
    this.touch(0, x);
    this.meBoost = 1;
    this.setupSide(0, x, id, k, this.edges[k]!, this.edges[k + 1]!, sHat, direct);
    const out = { zEdges: [] as number[], rA: [] as number[], rB: [] as number[] };
    if (this.nEnt[0] === 0) return out;
    const np = this.nPieces[0]!;
    const zmax = this.zHi[0]!;
    for (let j = 0; j < np; j++) {
      out.zEdges.push(zmax / PIECE ** j);
      out.rA.push(this.pieceRA[j]!);
      out.rB.push(this.pieceRB[j]!);
    }
    out.zEdges.push(this.zLo[0]!);
    return out;
  }

  /**
   * Evolves one event. Initial state: momentum fractions x1, x2, flavours id1, id2 (21 = g), hard
   * mass² m2, start pT, and the kind of matrix-element correction. Fills `this.record`.
   */
  evolve(
    x1: number,
    x2: number,
    id1: number,
    id2: number,
    m2: number,
    pTstart: number,
    meKind: number,
    rng: RandomStream,
  ): IsrRecord {
    let rec = this.record;
    rec.n = 0;
    rec.x[0] = x1;
    rec.x[1] = x2;
    rec.id[0] = id1 === 0 ? 21 : id1;
    rec.id[1] = id2 === 0 ? 21 : id2;
    this.touch(0, x1);
    this.touch(1, x2);
    const s = this.sqrtS * this.sqrtS;
    let pHi = pTstart;
    const pTmin = this.pTmin;
    const pT0Sq = this.pT0Sq;
    const b0 = this.coupling.b0;
    const edges = this.edges;
    const nEdges = edges.length;
    const entW = this.entW;
    let first = true;
    while (pHi > pTmin) {
      // Window [pLo, qTop] ∋ pHi on the fixed grid pTmin·WINDOWᵏ, so that PDF-ratio bounds at the
      // edges are reused across windows and emissions; the bound over [qTop, pLo] covers the
      // evolution from pHi down to pLo. Heavy-quark initiators stop at their threshold.
      let k = Math.ceil(Math.log(pHi / pTmin) / LOG_WINDOW - 1e-12) - 1;
      if (k < 0) k = 0;
      while (k > 0 && edges[k]! >= pHi) k--;
      while (k + 1 < nEdges && edges[k + 1]! < pHi) k++;
      const above = k + 1 >= nEdges; // start scale beyond the last edge: one direct window
      let pLo = edges[k]!;
      const qTop = above ? pHi : edges[k + 1]!;
      let direct = above;
      let forcedSide = -1;
      for (let j = 0; j < 2; j++) {
        const id = rec.id[j]!;
        if (isHeavy(id)) {
          const mQ = heavyMass(id);
          if (pHi <= mQ) {
            forcedSide = j;
          } else if (pLo < mQ) {
            pLo = mQ;
            direct = true;
          }
        }
      }
      if (forcedSide >= 0) {
        rec = this.forceHeavy(
          rec,
          forcedSide,
          Math.max(pTmin, Math.min(pHi, heavyMass(rec.id[forcedSide]!))),
          rng,
        );
        this.touch(forcedSide, rec.x[forcedSide]!);
        first = false;
        continue;
      }
      const sHat = rec.x[0]! * rec.x[1]! * s;
      this.meBoost = first && meKind === ME_QQBAR_V ? ME_GQ_BOOST : 1;
      this.setupSide(0, rec.x[0]!, rec.id[0]!, k, pLo, qTop, sHat, direct);
      this.setupSide(1, rec.x[1]!, rec.id[1]!, k, pLo, qTop, sHat, direct);
      let kTot = 0;
      for (let sd = 0; sd < 2; sd++) {
        const n = this.nEnt[sd]!;
        for (let m = 0; m < n; m++) kTot += entW[sd * ENTRIES + m]!;
      }
      if (!(kTot > 0)) {
        pHi = pLo;
        continue;
      }
      let lam2: number;
      if (above) {
        if (this.topQ !== pHi) {
          this.topQ = pHi;
          this.topLambda2 = this.coupling.lambda2Over(
            Math.sqrt(pLo * pLo + pT0Sq),
            Math.sqrt(pHi * pHi + pT0Sq),
          );
        }
        lam2 = this.topLambda2;
      } else {
        lam2 = this.windowLambda2[k]!;
      }
      // Trial Q² = pT² + pT0² from exp(−(kTot/2π) ∫ ᾱ_k dQ²/Q²) = u with
      // ∫ ᾱ_k dQ²/Q² = (1/b₀) ln[ln(Q_hi²/Λ̂²)/ln(Q²/Λ̂²)]: L = ln(Q²/Λ̂²) → L·u^(2πb₀/kTot).
      let L = Math.log((pHi * pHi + pT0Sq) / lam2);
      const lLo = Math.log((pLo * pLo + pT0Sq) / lam2);
      const expo = (TWO_PI * b0) / kTot;
      let emitted = false;
      while (true) {
        L *= Math.exp(expo * Math.log(uniform32(rng))); // u^expo
        if (!(L > lLo)) break; // also ends the window on a non-finite trial
        const q2 = lam2 * Math.exp(L);
        const pT2 = q2 - pT0Sq;
        this.stats.trials++;
        // Choose side and entry ∝ weight; the position of the uniform inside the chosen entry's
        // interval is again uniform on [0, 1) and independent of the choice: it samples z.
        let r = uniform32(rng) * kTot;
        let ent = -1;
        for (let sd = 0; sd < 2 && ent < 0; sd++) {
          const n = this.nEnt[sd]!;
          for (let m = 0; m < n; m++) {
            const wm = entW[sd * ENTRIES + m]!;
            if (r < wm) {
              ent = sd * ENTRIES + m;
              r /= wm;
              break;
            }
            r -= wm;
          }
        }
        if (ent < 0) {
          // Rounding left r beyond the last interval: the last entry.
          ent = this.nEnt[1]! > 0 ? ENTRIES + this.nEnt[1]! - 1 : this.nEnt[0]! - 1;
          r = uniform32(rng);
        }
        const side = ent >= ENTRIES ? 1 : 0;
        const ch = this.entCh[ent]!;
        const piece = this.entPiece[ent]!;
        const lo = this.entLo[ent]!;
        const shape = this.entShape[ent]!;
        // Inversion: ∝ 1/(1 − z): 1 − z = (1 − lo)((1 − hi)/(1 − lo))^u; ∝ 1/z: z = lo (hi/lo)^u;
        // flat: lo + (hi − lo)u (u = 0 gives z = lo, rejected below; probability zero).
        const z =
          shape === SH_SOFT
            ? 1 - (1 - lo) * Math.exp(-r * this.entLog[ent]!)
            : shape === SH_INV
              ? lo * Math.exp(r * this.entLog[ent]!)
              : lo + (this.entHi[ent]! - lo) * r;
        if (!(z < zMaxOf(pT2, sHat)) || !(z > this.zLo[side]!)) continue;
        const pT = Math.sqrt(pT2);
        const virt2 = pT2 / (1 - z);
        if (!(pT2 - (z * virt2 * virt2) / sHat > 0)) continue;
        // Two-stage acceptance a₁·a₂ (both ≤ 1 when the overestimate holds): a₁ = coupling ×
        // kernel over their bounds (ᾱ_k(Q²) = 1/(b₀L)), cheap, tried first; a₂ = PDF ratio over
        // its bound (× ME correction), which needs two PDF evaluations.
        // The first emission's matrix-element correction (≤ 1 for q ← q; for q ← g covered by the
        // ME_GQ_BOOST in its overestimate) is part of a₁, so it acts before the PDF evaluations.
        const ccol = COLOUR[ch]!;
        let a1 =
          (this.coupling.alpha(Math.sqrt(q2)) * b0 * L * splittingKernel(ch, z)) / (ccol * shapeOf(ch, z));
        if (first && meKind === ME_QQBAR_V) {
          if (ch === CH_QQ) a1 *= meCorrection(ch, m2, z, pT2);
          else if (ch === CH_GQ) a1 *= meCorrection(ch, m2, z, pT2) / this.meBoost;
        }
        // One uniform for both stages: accept if U < a₁·a₂, so U ≥ a₁ rejects before the PDFs.
        const uAcc = uniform32(rng);
        if (uAcc >= a1) continue;
        const x = rec.x[side]!;
        const id = rec.id[side]!;
        const xp = x / z;
        let den: number;
        let num: number;
        if (ch === CH_QG) {
          den = this.xf1(id, x, pT);
          if (!(den > 0)) continue;
          this.pdf.xfxQAll(xp, pT, this.fp);
          num = this.sumQuarks(this.fp);
        } else if (this.pair) {
          // Mother and daughter densities at the same Q: one Q location (PdfSet.xfxQPair).
          this.pdf.xfxQPair!(ch === CH_QQ ? id : 21, xp, id, x, pT, this.two);
          num = Math.max(this.two[0]!, 0);
          den = Math.max(this.two[1]!, 0);
          if (!(den > 0)) continue;
        } else {
          den = this.xf1(id, x, pT);
          if (!(den > 0)) continue;
          num = this.xf1(ch === CH_QQ ? id : 21, xp, pT);
        }
        // PDF ratio over its bound; for g ← g the proposal density is the sum of the 1/(1 − z)
        // entry (piece-0 bound) and the 1/z entry of the piece that contains z.
        const pb = side * MAX_PIECES;
        const h = this.headroom;
        let w: number;
        if (ch === CH_GG) {
          let j = Math.floor(Math.log(this.zHi[side]! / z) / LOG_PIECE);
          if (j < 0) j = 0;
          if (j >= this.nPieces[side]!) j = this.nPieces[side]! - 1;
          w =
            ((num / den) * (1 / z + 1 / (1 - z))) /
            (h * (this.pieceRB[pb]! / (1 - z) + this.pieceRB[pb + j]! / z));
        } else {
          const bound =
            ch === CH_QQ
              ? this.pieceRA[pb]!
              : ch === CH_QG
                ? this.pieceRA[pb + piece]!
                : this.pieceRB[pb + piece]!;
          w = num / den / (h * bound);
        }
        if (w * a1 > 1 || a1 > 1) {
          this.stats.violations++;
          if (w * a1 > this.stats.maxViolationWeight) this.stats.maxViolationWeight = w * a1;
        }
        if (!(uAcc < a1 * w)) continue;
        // Accepted: the mother becomes the initiator.
        let mother = 21;
        let out = 21;
        if (ch === CH_QQ) {
          mother = id;
          out = 21;
        } else if (ch === CH_GQ) {
          mother = 21;
          out = -id;
        } else if (ch === CH_QG) {
          let t = uniform32(rng) * num;
          mother = MOTHER_QUARKS[0];
          for (let q = 0; q < MOTHER_QUARKS.length; q++) {
            const fl = MOTHER_QUARKS[q]!;
            t -= Math.max(this.fp[fl + 6]!, 0);
            if (t < 0) {
              mother = fl;
              break;
            }
          }
          out = mother;
        }
        if (rec.n >= rec.side.length) rec = growRecord(rec);
        const n = rec.n;
        rec.side[n] = side;
        rec.pT[n] = Math.sqrt(pT2 - (z * virt2 * virt2) / sHat);
        rec.pTevol[n] = pT;
        rec.z[n] = z;
        rec.phi[n] = TWO_PI * uniform32(rng);
        rec.xNew[n] = xp;
        rec.emitted[n] = out;
        rec.n = n + 1;
        rec.x[side] = xp;
        rec.id[side] = mother;
        this.touch(side, xp);
        this.stats.emissions++;
        first = false;
        emitted = true;
        pHi = pT;
        break;
      }
      if (!emitted) pHi = pLo;
    }
    this.record = rec;
    return rec;
  }

  /** Forced g → Q Q̄ at threshold for a heavy-quark initiator on `side` at scale pT. */
  private forceHeavy(rec0: IsrRecord, side: number, pT: number, rng: RandomStream): IsrRecord {
    let rec = rec0;
    const x = rec.x[side]!;
    const sHat = rec.x[0]! * rec.x[1]! * this.sqrtS * this.sqrtS;
    const zmin = x / X_MAX;
    let zmax = zMaxOf(pT * pT, sHat);
    if (!(zmax > zmin)) zmax = Math.min(1, zmin + 0.5 * (1 - zmin));
    let z = zmin;
    for (let tries = 0; tries < 100; tries++) {
      z = zmin + (zmax - zmin) * rng.uniform();
      if (rng.uniform() < z * z + (1 - z) * (1 - z)) break;
    }
    if (rec.n >= rec.side.length) rec = growRecord(rec);
    const n = rec.n;
    rec.side[n] = side;
    const q2 = (pT * pT) / (1 - z);
    rec.pT[n] = Math.sqrt(Math.max(pT * pT - (z * q2 * q2) / sHat, 0));
    rec.pTevol[n] = pT;
    rec.z[n] = z;
    rec.phi[n] = TWO_PI * uniform32(rng);
    rec.xNew[n] = x / z;
    rec.emitted[n] = -rec.id[side]!;
    rec.n = n + 1;
    rec.x[side] = x / z;
    rec.id[side] = 21;
    this.stats.forcedHeavy++;
    this.stats.emissions++;
    return rec;
  }
}

/** Matrix-element over parton-shower ratio for the first emission (Miu & Sjöstrand 1999). */
export function meCorrection(ch: number, m2: number, z: number, pT2: number): number {
  const q2 = pT2 / (1 - z);
  const sH = m2 / z;
  const tH = -q2;
  const uH = q2 - (m2 * (1 - z)) / z;
  if (ch === CH_QQ) return (tH * tH + uH * uH + 2 * m2 * sH) / (sH * sH + m2 * m2);
  return (sH * sH + tH * tH + 2 * m2 * uH) / ((sH - m2) * (sH - m2) + m2 * m2);
}
