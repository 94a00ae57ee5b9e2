/**
 * Showers an event batch: initial-state radiation with exact recoil kinematics, primordial kT,
 * and hadron proxies for all final partons.
 *
 * Kinematics (exact; the construction is ours, documented in docs/shower.md):
 *  1. The backward evolution (isr.ts) gives emissions (side, pT, z, φ, x_new). Emission i on beam
 *     side +z is massless with transverse momentum pT(cos φ, sin φ), light-cone momentum
 *     p⁺ = (1 − z) x_new √s (the fraction of the new initiator it takes, as in the collinear
 *     splitting), p⁻ = pT²/p⁺ (mirrored for the −z beam). Then Σ p⁺ over one side telescopes to
 *     (x_final − x_hard)√s.
 *  2. Each final initiator gets a primordial kT, each Cartesian component Gaussian of width
 *     σ/√2 (⟨kT²⟩ = σ², σ = primordialKtGeV; Pythia 8 BeamRemnants:primordialKThard = 1.8 GeV).
 *  3. The hard system keeps its invariant mass M and rapidity Y and takes the recoil
 *     Q_T = k_T,1 + k_T,2 − Σ_i pT_i: P' = (m_T cosh Y, Q_T, m_T sinh Y), m_T² = M² + Q_T².
 *     Every hard-process particle after the initial state (leptons, neutrinos, resonances W, N_D,
 *     Z_D, final quarks) is moved by the Lorentz transformation Λ = B(P'/E') B(−P/E) that takes
 *     P to P' (B(β) a pure boost), so all their internal invariants are unchanged.
 *  4. The two initiators are massless with the primordial kT and are solved for from the total
 *     final-state momentum F (p₁⁺ + p₂⁺ = F⁺, p₁⁻ + p₂⁻ = F⁻, a quadratic), so four-momentum is
 *     conserved exactly, event by event. If an initiator would need x > 1 (or would not move along
 *     its own beam because its kT exceeds its light-cone momentum) the event's shower is redone with new random numbers (up to 10 times, then the event is left unshowered and
 *     counted in `kinematicFailures`).
 *
 * Displaced vertices: a particle produced at the decay point of its mother at lab position v was
 * produced at the space-time point X = (c t, v) = (cτ/m) p_mother, with τ the proper decay time.
 * Applying Λ to X gives X' = (cτ/m) p'_mother: the vertex moves along the boosted mother's direction
 * with the same proper decay time, as it should. Without a massive mother the vertex is treated as
 * light-like, X = (|v|, v) (exact for β → 1).
 *
 * Output layout per event: the incoming partons are replaced in place by the shower's initiators
 * (status −1), the hard-process particles keep their positions (transformed), then the emitted
 * partons (mother = the initiator of their beam), then hadrons (status 1, ±211/111, mother = their
 * parton). Final partons become status 2 when hadronised. The event columns (x1, x2, id1, id2,
 * scale, weight) still describe the hard process. Emitted partons carry no colour tags.
 */
import { InputError } from "../core/errors.js";
import { type EventBatch, PARTICLE_COLUMNS } from "../core/events.js";
import { boostInPlace, norm3 } from "../core/fourvector.js";
import { RandomStream } from "../core/rng.js";
import { ShowerCoupling, type ShowerPdf } from "./coupling.js";
import { type FragmentParams, fragmentParton, HadronBuffer } from "./fragment.js";
import { type FsrStats, PartonList, showerFinalParton } from "./fsr.js";
import { InitialStateShower, type IsrStats, ME_NONE, ME_QQBAR_V } from "./isr.js";
import { QedFinalStateShower } from "./qed.js";
import { resolveShowerOptions, type ShowerOptions } from "./settings.js";

export interface ShowerStats extends IsrStats {
  events: number;
  /** Events whose kinematics could not be built in 10 attempts (left unshowered). */
  kinematicFailures: number;
  /** Shower redone because an initiator needed x > 1. */
  kinematicRetries: number;
  hadrons: number;
}

/** The particle columns the fragmentation reads (an event batch's or the output builder's). */
interface ParticleColumns {
  pdg: Int32Array;
  status: Int8Array;
  mother1: Int16Array;
  E: Float64Array;
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
}

/**
 * A showered batch whose hadronisation is left for later (`Shower.runDeferred`): the final partons
 * are in `batch` with status 1; event e's hadrons come from `Shower.hadronsOf(this, e)`, made with
 * stream `hadronKeys[e]` of seed `hadronSeed`.
 */
export interface DeferredShower {
  batch: EventBatch;
  hadronSeed: number;
  hadronKeys: Float64Array;
  /** Whether the shower hadronises at all (options.hadronize). */
  hadronize: boolean;
}

function isParton(pdg: number): boolean {
  const a = Math.abs(pdg);
  return (a >= 1 && a <= 5) || pdg === 21;
}

/** Growable struct-of-arrays particle list for building the output batch. */
class ParticleBuilder {
  n = 0;
  cap: number;
  pdg: Int32Array;
  status: Int8Array;
  mother1: Int16Array;
  mother2: Int16Array;
  colour: Int32Array;
  anticolour: Int32Array;
  E: Float64Array;
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
  m: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  vz: Float64Array;

  constructor(cap: number) {
    this.cap = Math.max(cap, 16);
    this.pdg = new Int32Array(this.cap);
    this.status = new Int8Array(this.cap);
    this.mother1 = new Int16Array(this.cap);
    this.mother2 = new Int16Array(this.cap);
    this.colour = new Int32Array(this.cap);
    this.anticolour = new Int32Array(this.cap);
    this.E = new Float64Array(this.cap);
    this.px = new Float64Array(this.cap);
    this.py = new Float64Array(this.cap);
    this.pz = new Float64Array(this.cap);
    this.m = new Float64Array(this.cap);
    this.vx = new Float64Array(this.cap);
    this.vy = new Float64Array(this.cap);
    this.vz = new Float64Array(this.cap);
  }

  ensure(extra: number): void {
    if (this.n + extra <= this.cap) return;
    let c = this.cap * 2;
    while (c < this.n + extra) c *= 2;
    for (const k of PARTICLE_COLUMNS) {
      const old = this[k];
      const fresh = new (old.constructor as new (n: number) => typeof old)(c);
      (fresh as Float64Array).set(old as Float64Array);
      (this as unknown as Record<string, unknown>)[k] = fresh;
    }
    this.cap = c;
  }

  push(
    pdg: number,
    status: number,
    m1: number,
    E: number,
    px: number,
    py: number,
    pz: number,
    m: number,
  ): number {
    if (this.n >= this.cap) this.ensure(1);
    const i = this.n++;
    this.pdg[i] = pdg;
    this.status[i] = status;
    this.mother1[i] = m1;
    this.mother2[i] = -1;
    this.colour[i] = 0;
    this.anticolour[i] = 0;
    this.E[i] = E;
    this.px[i] = px;
    this.py[i] = py;
    this.pz[i] = pz;
    this.m[i] = m;
    this.vx[i] = 0;
    this.vy[i] = 0;
    this.vz[i] = 0;
    return i;
  }
}

/** A configured shower: create once per run, shower any number of batches. */
export class Shower {
  readonly options: ShowerOptions;
  readonly isr: InitialStateShower;
  readonly stats: ShowerStats;
  private readonly frag: FragmentParams;
  private readonly hadrons = new HadronBuffer();
  /** Hadronisation stream, restarted per event (see `run`). */
  private readonly hadronRng = new RandomStream(0, 0);
  private readonly partons = new PartonList();
  private readonly coupling: ShowerCoupling;
  /** Final-state shower counters. */
  readonly fsrStats: FsrStats = { trials: 0, emissions: 0 };
  private readonly v4 = new Float64Array(4);
  /** QED final-state shower of the charged leptons (only used with options.qedFsr). */
  readonly qed: QedFinalStateShower;
  /** Emitted-parton momenta of the current event (E, px, py, pz per emission). */
  private emit = new Float64Array(4 * 64);

  constructor(pdf: ShowerPdf, options: Partial<ShowerOptions> = {}) {
    this.options = resolveShowerOptions(options);
    const o = this.options;
    const coupling = new ShowerCoupling(pdf, o.alphaSScheme, o.pTminGeV, o.sqrtSGeV / 2);
    this.coupling = coupling;
    this.isr = new InitialStateShower(pdf, coupling, o.sqrtSGeV, o.pTminGeV, o.headroom, o.pT0GeV);
    this.stats = Object.assign(this.isr.stats, {
      events: 0,
      kinematicFailures: 0,
      kinematicRetries: 0,
      hadrons: 0,
    }) as ShowerStats;
    this.qed = new QedFinalStateShower(o.qedPTminGeV);
    this.frag = {
      ffA: o.ffA,
      sigmaPt: o.fragSigmaPtGeV,
      wMin: o.fragWminGeV,
    };
  }

  /** Showers every event of `batch` with `rng`; returns a new batch (the input is not modified). */
  run(batch: EventBatch, rng: RandomStream): EventBatch {
    return this.runWith(batch, rng, null);
  }

  /**
   * Showers `batch` like `run` but leaves the hadronisation for later: the returned batch has the
   * final partons (status 1) and no hadrons, and `hadronsOf(deferred, e)` makes the hadrons of
   * event e exactly as `run` would have made them (same random numbers). For an analysis that
   * needs charged H_T only for the events its lepton cuts keep. Without `hadronize` it is `run`.
   */
  runDeferred(batch: EventBatch, rng: RandomStream): DeferredShower {
    const keys = new Float64Array(batch.nEvents);
    const out = this.runWith(batch, rng, keys);
    return { batch: out, hadronSeed: rng.seed, hadronKeys: keys, hadronize: this.options.hadronize };
  }

  /**
   * The hadrons of event `e` of a deferred shower (`runDeferred`), in this shower's buffer (valid
   * until the next call); with the momenta, codes and parents (event-local parton index) that
   * `run` writes. Empty when the shower does not hadronise.
   */
  hadronsOf(deferred: DeferredShower, e: number): HadronBuffer {
    if (!(Number.isInteger(e) && e >= 0 && e < deferred.batch.nEvents)) {
      throw new InputError("event index", `an integer in [0, ${deferred.batch.nEvents - 1}]`, e);
    }
    const b = deferred.batch;
    if (!deferred.hadronize) {
      this.hadrons.clear();
      return this.hadrons;
    }
    this.hadronRng.reseed(deferred.hadronSeed, deferred.hadronKeys[e]!);
    this.fragmentPartons(b, b.offsets[e]!, b.offsets[e + 1]!, this.hadronRng, false);
    return this.hadrons;
  }

  /** The shower loop; `deferredKeys` (one per event) receives the hadronisation keys instead of hadronising. */
  private runWith(batch: EventBatch, rng: RandomStream, deferredKeys: Float64Array | null): EventBatch {
    const o = this.options;
    const hadronizeNow = o.hadronize && deferredKeys === null;
    const nIn = batch.offsets[batch.nEvents]!;
    // Capacity for the expected output (W → μν: ~5 ISR partons and ~50 hadrons per event) so the
    // columns are rarely regrown; unused capacity is never touched.
    const pb = new ParticleBuilder(nIn + batch.nEvents * (hadronizeNow ? 80 : 16));
    const offsets = new Uint32Array(batch.nEvents + 1);
    const sqrtS = o.sqrtSGeV;
    const v4 = this.v4;
    for (let e = 0; e < batch.nEvents; e++) {
      this.stats.events++;
      const a = batch.offsets[e]!;
      const b = batch.offsets[e + 1]!;
      const base = pb.n;
      offsets[e] = base;
      pb.ensure(b - a);
      // Copy the event.
      let in0 = -1;
      let in1 = -1;
      let pE = 0;
      let pX = 0;
      let pY = 0;
      let pZ = 0;
      let colouredFinal = false;
      for (let i = a; i < b; i++) {
        const k = pb.push(
          batch.pdg[i]!,
          batch.status[i]!,
          batch.mother1[i]!,
          batch.E[i]!,
          batch.px[i]!,
          batch.py[i]!,
          batch.pz[i]!,
          batch.m[i]!,
        );
        pb.mother2[k] = batch.mother2[i]!;
        pb.colour[k] = batch.colour[i]!;
        pb.anticolour[k] = batch.anticolour[i]!;
        pb.vx[k] = batch.vx[i]!;
        pb.vy[k] = batch.vy[i]!;
        pb.vz[k] = batch.vz[i]!;
        const st = batch.status[i]!;
        if (st === -1) {
          if (batch.pz[i]! >= 0 && in0 < 0) in0 = k - base;
          else in1 = k - base;
        } else if (st === 1) {
          pE += batch.E[i]!;
          pX += batch.px[i]!;
          pY += batch.py[i]!;
          pZ += batch.pz[i]!;
          if (isParton(batch.pdg[i]!)) colouredFinal = true;
        }
      }
      if (in0 < 0 || in1 < 0) {
        throw new InputError(
          `batch event ${e}`,
          "two incoming partons (status −1), one along +z and one along −z",
          "fewer",
        );
      }
      if (o.isr)
        this.showerEvent(batch, e, pb, base, in0, in1, pE, pX, pY, pZ, colouredFinal, sqrtS, rng, v4);
      // Photons off the leptons: after the recoil boost, before hadronisation (docs/shower.md).
      if (o.qedFsr) this.qed.showerEvent(pb, base, pb.n, rng);
      if (o.hadronize) {
        // Hadronisation runs on a stream of its own per event, keyed by 53 bits of the shower
        // stream, so that doing it now (run) or later (runDeferred + hadronsOf) gives the same hadrons.
        const key = (rng.nextUint32() >>> 11) * 2 ** 32 + rng.nextUint32();
        if (deferredKeys) deferredKeys[e] = key;
        else {
          this.hadronRng.reseed(rng.seed, key);
          this.hadronizeEvent(pb, base, this.hadronRng);
        }
      }
    }
    offsets[batch.nEvents] = pb.n;
    // The builder's columns become the output as views of their first n entries: no second copy of
    // every particle (and a lower peak memory than builder + copy). Per-event columns are copied.
    const n = pb.n;
    const ne = batch.nEvents;
    const out: EventBatch = {
      nEvents: ne,
      offsets,
      pdg: pb.pdg.subarray(0, n),
      status: pb.status.subarray(0, n),
      mother1: pb.mother1.subarray(0, n),
      mother2: pb.mother2.subarray(0, n),
      colour: pb.colour.subarray(0, n),
      anticolour: pb.anticolour.subarray(0, n),
      E: pb.E.subarray(0, n),
      px: pb.px.subarray(0, n),
      py: pb.py.subarray(0, n),
      pz: pb.pz.subarray(0, n),
      m: pb.m.subarray(0, n),
      vx: pb.vx.subarray(0, n),
      vy: pb.vy.subarray(0, n),
      vz: pb.vz.subarray(0, n),
      weight: batch.weight.slice(0, ne),
      processId: batch.processId.slice(0, ne),
      scale: batch.scale.slice(0, ne),
      alphaS: batch.alphaS.slice(0, ne),
      x1: batch.x1.slice(0, ne),
      x2: batch.x2.slice(0, ne),
      id1: batch.id1.slice(0, ne),
      id2: batch.id2.slice(0, ne),
    };
    return out;
  }

  private showerEvent(
    batch: EventBatch,
    e: number,
    pb: ParticleBuilder,
    base: number,
    in0: number,
    in1: number,
    pE: number,
    pX: number,
    pY: number,
    pZ: number,
    colouredFinal: boolean,
    sqrtS: number,
    rng: RandomStream,
    v4: Float64Array,
  ): void {
    const o = this.options;
    const i0 = base + in0;
    const i1 = base + in1;
    const x1 = (pb.E[i0]! + pb.pz[i0]!) / sqrtS;
    const x2 = (pb.E[i1]! - pb.pz[i1]!) / sqrtS;
    const id1 = pb.pdg[i0]!;
    const id2 = pb.pdg[i1]!;
    const m2 = pE * pE - pX * pX - pY * pY - pZ * pZ;
    if (!(m2 > 0) || !(x1 > 0 && x1 <= 1) || !(x2 > 0 && x2 <= 1)) {
      throw new InputError(
        `batch event ${e}`,
        "a hard system of positive mass with incoming x in (0, 1]",
        m2,
      );
    }
    const M = Math.sqrt(m2);
    const Y = 0.5 * Math.log((pE + pZ) / (pE - pZ));
    const qqbarSinglet =
      !colouredFinal && id1 * id2 < 0 && Math.abs(id1) <= 5 && Math.abs(id2) <= 5 && id1 !== 21 && id2 !== 21;
    const meKind = o.startScale === "power" && qqbarSinglet ? ME_QQBAR_V : ME_NONE;
    let pTstart: number;
    if (meKind === ME_QQBAR_V) {
      // Kinematic limit p⊥_evol < √ŝ(1 − z)/√z at z = x (isr.ts zMaxOf), capped at √s/2.
      const xMin = Math.min(x1, x2);
      pTstart = Math.min(sqrtS / 2, (M * (1 - xMin)) / Math.sqrt(xMin));
    } else {
      const mu = batch.scale[e]!;
      pTstart = mu > 0 ? mu : M;
    }
    const sigmaK = o.primordialKtGeV / Math.SQRT2;
    for (let attempt = 0; attempt < 10; attempt++) {
      const rec = this.isr.evolve(x1, x2, id1, id2, m2, pTstart, meKind, rng);
      const k0x = sigmaK * rng.normal();
      const k0y = sigmaK * rng.normal();
      const k1x = sigmaK * rng.normal();
      const k1y = sigmaK * rng.normal();
      if (this.emit.length < 4 * rec.n) this.emit = new Float64Array(8 * rec.n);
      const em = this.emit;
      let qx = k0x + k1x;
      let qy = k0y + k1y;
      let fE = 0;
      let fZ = 0;
      for (let j = 0; j < rec.n; j++) {
        const pT = rec.pT[j]!;
        const ex = pT * Math.cos(rec.phi[j]!);
        const ey = pT * Math.sin(rec.phi[j]!);
        const plus = (1 - rec.z[j]!) * rec.xNew[j]! * sqrtS;
        const minus = (pT * pT) / plus;
        const ez = rec.side[j] === 0 ? 0.5 * (plus - minus) : 0.5 * (minus - plus);
        const ee = 0.5 * (plus + minus);
        em[4 * j] = ee;
        em[4 * j + 1] = ex;
        em[4 * j + 2] = ey;
        em[4 * j + 3] = ez;
        qx -= ex;
        qy -= ey;
        fE += ee;
        fZ += ez;
      }
      const mT = Math.sqrt(m2 + qx * qx + qy * qy);
      const hE = mT * Math.cosh(Y);
      const hZ = mT * Math.sinh(Y);
      fE += hE;
      fZ += hZ;
      // Initiators: massless, transverse momenta k0, k1, p0⁺ + p1⁺ = F⁺, p0⁻ + p1⁻ = F⁻.
      const A = fE + fZ;
      const B = fE - fZ;
      const c0 = k0x * k0x + k0y * k0y;
      const c1 = k1x * k1x + k1y * k1y;
      const bq = A * B + c0 - c1;
      const disc = bq * bq - 4 * A * B * c0;
      if (!(disc >= 0)) {
        this.stats.kinematicRetries++;
        continue;
      }
      const p0p = (bq + Math.sqrt(disc)) / (2 * B); // p0⁺
      const p1m = (B * p0p + c1 - c0) / A; // p1⁻
      if (!(p0p > 0 && p1m > 0) || p0p > sqrtS || p1m > sqrtS) {
        this.stats.kinematicRetries++;
        continue;
      }
      const p0m = c0 / p0p;
      const p1p = c1 / p1m;
      // Each initiator must move along its own beam (p⁺ > p⁻ for the +z one): a primordial kT larger
      // than a very forward parton's light-cone momentum is redrawn.
      if (!(p0p > p0m) || !(p1m > p1p)) {
        this.stats.kinematicRetries++;
        continue;
      }
      // Lorentz transformation of the hard system P → P'.
      const bOldX = -pX / pE;
      const bOldY = -pY / pE;
      const bOldZ = -pZ / pE;
      const bNewX = qx / hE;
      const bNewY = qy / hE;
      const bNewZ = hZ / hE;
      const end = pb.n;
      for (let i = base; i < end; i++) {
        const st = pb.status[i]!;
        if (st === -1) continue;
        v4[0] = pb.E[i]!;
        v4[1] = pb.px[i]!;
        v4[2] = pb.py[i]!;
        v4[3] = pb.pz[i]!;
        boostInPlace(v4, 0, bOldX, bOldY, bOldZ);
        boostInPlace(v4, 0, bNewX, bNewY, bNewZ);
        pb.E[i] = v4[0]!;
        pb.px[i] = v4[1]!;
        pb.py[i] = v4[2]!;
        pb.pz[i] = v4[3]!;
      }
      // Vertices (after all momenta are transformed, so mothers are already moved).
      for (let i = base; i < end; i++) {
        const vx = pb.vx[i]!;
        const vy = pb.vy[i]!;
        const vz = pb.vz[i]!;
        if (vx === 0 && vy === 0 && vz === 0) continue;
        const r = norm3(vx, vy, vz);
        const mo = pb.mother1[i]!;
        const mi = base + mo;
        if (mo >= 0 && mi < end && pb.m[mi]! > 0 && pb.status[mi] !== -1) {
          // X = (cτ/m) p_mother; transformed mother p' gives X' = (cτ/m) p'. The old |p| is needed:
          // recover it from the old vertex length and the scale factor cτ/m = |v| / |p_old|.
          v4[0] = pb.E[mi]!;
          v4[1] = pb.px[mi]!;
          v4[2] = pb.py[mi]!;
          v4[3] = pb.pz[mi]!;
          // Undo the transformation on a copy to get p_old (cheaper than storing it).
          boostInPlace(v4, 0, -bNewX, -bNewY, -bNewZ);
          boostInPlace(v4, 0, -bOldX, -bOldY, -bOldZ);
          const pOld = norm3(v4[1]!, v4[2]!, v4[3]!);
          const f = r / pOld;
          pb.vx[i] = f * pb.px[mi]!;
          pb.vy[i] = f * pb.py[mi]!;
          pb.vz[i] = f * pb.pz[mi]!;
        } else {
          v4[0] = r;
          v4[1] = vx;
          v4[2] = vy;
          v4[3] = vz;
          boostInPlace(v4, 0, bOldX, bOldY, bOldZ);
          boostInPlace(v4, 0, bNewX, bNewY, bNewZ);
          pb.vx[i] = v4[1]!;
          pb.vy[i] = v4[2]!;
          pb.vz[i] = v4[3]!;
        }
      }
      // Initiators replace the incoming partons.
      pb.pdg[i0] = rec.id[0]!;
      pb.E[i0] = 0.5 * (p0p + p0m);
      pb.px[i0] = k0x;
      pb.py[i0] = k0y;
      pb.pz[i0] = 0.5 * (p0p - p0m);
      pb.m[i0] = 0;
      pb.pdg[i1] = rec.id[1]!;
      pb.E[i1] = 0.5 * (p1p + p1m);
      pb.px[i1] = k1x;
      pb.py[i1] = k1y;
      pb.pz[i1] = 0.5 * (p1p - p1m);
      pb.m[i1] = 0;
      if (rec.id[0] === 21 || rec.id[1] === 21) {
        // Colour tags of the hard process no longer match a gluon initiator: drop them.
        pb.colour[i0] = 0;
        pb.anticolour[i0] = 0;
        pb.colour[i1] = 0;
        pb.anticolour[i1] = 0;
      }
      pb.ensure(rec.n);
      for (let j = 0; j < rec.n; j++) {
        pb.push(
          rec.emitted[j]!,
          1,
          rec.side[j] === 0 ? in0 : in1,
          em[4 * j]!,
          em[4 * j + 1]!,
          em[4 * j + 2]!,
          em[4 * j + 3]!,
          0,
        );
      }
      return;
    }
    this.stats.kinematicFailures++;
  }

  /**
   * Final-state radiation and fragmentation of the final partons (status 1) among particles
   * [base, end) of `src` into `this.hadrons` (parents event-local); with `markHadronised` the
   * partons that gave hadrons become status 2.
   */
  private fragmentPartons(
    src: ParticleColumns,
    base: number,
    end: number,
    rng: RandomStream,
    markHadronised: boolean,
  ): void {
    const hb = this.hadrons;
    hb.clear();
    const o = this.options;
    const pl = this.partons;
    for (let i = base; i < end; i++) {
      if (src.status[i] !== 1 || !isParton(src.pdg[i]!)) continue;
      let nh = 0;
      if (o.fsr) {
        // ISR partons radiate below their emission pT, inside the cone set by the angle to the beam
        // (their colour partner moves along it: coherence); hard-process partons from E θmax/4.
        const mo = src.mother1[i]!;
        const isIsr = mo >= 0 && src.status[base + mo] === -1;
        const pxI = src.px[i]!;
        const pyI = src.py[i]!;
        const ptI = Math.sqrt(pxI * pxI + pyI * pyI);
        const start = isIsr ? ptI : Number.POSITIVE_INFINITY;
        const cone = isIsr ? Math.min(o.fsrThetaMax, Math.atan2(ptI, Math.abs(src.pz[i]!))) : o.fsrThetaMax;
        pl.clear();
        showerFinalParton(
          src.pdg[i]!,
          src.px[i]!,
          src.py[i]!,
          src.pz[i]!,
          start,
          this.coupling,
          o.pTminGeV,
          cone,
          rng,
          pl,
          this.fsrStats,
        );
        for (let k = 0; k < pl.n; k++) {
          const qx = pl.px[k]!;
          const qy = pl.py[k]!;
          const qz = pl.pz[k]!;
          const e = Math.sqrt(qx * qx + qy * qy + qz * qz);
          nh += fragmentParton(pl.id[k]!, e, qx, qy, qz, this.frag, rng, hb, i - base);
        }
      } else {
        nh = fragmentParton(
          src.pdg[i]!,
          src.E[i]!,
          src.px[i]!,
          src.py[i]!,
          src.pz[i]!,
          this.frag,
          rng,
          hb,
          i - base,
        );
      }
      if (markHadronised && nh > 0) src.status[i] = 2;
    }
  }

  private hadronizeEvent(pb: ParticleBuilder, base: number, rng: RandomStream): void {
    const hb = this.hadrons;
    this.fragmentPartons(pb, base, pb.n, rng, true);
    pb.ensure(hb.n);
    const nh = hb.n;
    let k = pb.n;
    for (let h = 0; h < nh; h++, k++) {
      // Hadrons start where their parton was produced.
      const parent = hb.parent[h]!;
      const p = base + parent;
      pb.pdg[k] = hb.pdg[h]!;
      pb.status[k] = 1;
      pb.mother1[k] = parent;
      pb.mother2[k] = -1;
      pb.colour[k] = 0;
      pb.anticolour[k] = 0;
      pb.E[k] = hb.E[h]!;
      pb.px[k] = hb.px[h]!;
      pb.py[k] = hb.py[h]!;
      pb.pz[k] = hb.pz[h]!;
      pb.m[k] = hb.m[h]!;
      pb.vx[k] = pb.vx[p]!;
      pb.vy[k] = pb.vy[p]!;
      pb.vz[k] = pb.vz[p]!;
    }
    pb.n = k;
    this.stats.hadrons += hb.n;
  }
}

/**
 * The stage's main entry: showers `batch` with the PDF set of the hard process, `options` (see
 * settings.ts) and the random stream `rng`; returns a new batch.
 */
export function showerBatch(
  batch: EventBatch,
  pdf: ShowerPdf,
  options: Partial<ShowerOptions>,
  rng: RandomStream,
): EventBatch {
  return new Shower(pdf, options).run(batch, rng);
}
