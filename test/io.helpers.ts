/**
 * Shared fixtures for the io tests: synthetic event batches drawn from a seeded RandomStream,
 * shaped like our W → ℓ N_D, N_D → ν Z_D, Z_D → ℓℓ events (two incoming partons, a W, the
 * lepton, N_D, ν, Z_D and its two leptons), with displaced Z_D daughters.
 */

import { allocateFixedEventBatch, type EventBatch, type EventBatchInfo } from "../src/core/events.js";
import { randomStream } from "../src/core/rng.js";

export const PARTICLES_PER_EVENT = 9;

export function syntheticBatch(
  nEvents: number,
  seed: number,
  weights: "unweighted" | "weighted" | "signed" = "unweighted",
  sigmaPb = 2.1,
): EventBatch {
  const rng = randomStream(seed, 0);
  const b = allocateFixedEventBatch(nEvents, PARTICLES_PER_EVENT);
  // pdg, status, mothers: u d̄ → W+ → μ+ N; N → ν Z_D; Z_D → e+ e-
  const pdg = [2, -1, 24, -13, 9900012, 14, 1023, 11, -11];
  const status = [-1, -1, 2, 1, 2, 1, 2, 1, 1];
  const m1 = [-1, -1, 0, 2, 2, 4, 4, 6, 6];
  const m2 = [-1, -1, 1, -1, -1, -1, -1, -1, -1];
  const col = [501, 0, 0, 0, 0, 0, 0, 0, 0];
  const acol = [0, 501, 0, 0, 0, 0, 0, 0, 0];
  const mass = [0, 0, 80.379, 0.1056583755, 0.3, 0, 0.1, 0.00051099895, 0.00051099895];
  for (let e = 0; e < nEvents; e++) {
    for (let k = 0; k < PARTICLES_PER_EVENT; k++) {
      const i = e * PARTICLES_PER_EVENT + k;
      b.pdg[i] = pdg[k]!;
      b.status[i] = status[k]!;
      b.mother1[i] = m1[k]!;
      b.mother2[i] = m2[k]!;
      b.colour[i] = col[k]!;
      b.anticolour[i] = acol[k]!;
      const px = 50 * rng.normal();
      const py = 50 * rng.normal();
      const pz = 300 * rng.normal();
      b.px[i] = px;
      b.py[i] = py;
      b.pz[i] = pz;
      b.m[i] = mass[k]!;
      b.E[i] = Math.sqrt(px * px + py * py + pz * pz + mass[k]! ** 2);
      if (k >= 7) {
        // displaced Z_D daughters: common vertex at an exponential distance (mm)
        b.vx[i] = e % 3 === 0 ? 0 : 1.25 * (e % 7) + 0.1;
        b.vy[i] = e % 3 === 0 ? 0 : -0.5 * (e % 5);
        b.vz[i] = e % 3 === 0 ? 0 : 10 * (e % 11) - 3.3;
      }
    }
    b.processId[e] = e % 4 === 0 ? 2 : 1;
    b.scale[e] = 80 + 10 * rng.uniform();
    b.alphaS[e] = 0.118 + 0.001 * rng.uniform();
    b.x1[e] = rng.uniform();
    b.x2[e] = rng.uniform();
    b.id1[e] = 2;
    b.id2[e] = -1;
    if (weights === "unweighted") b.weight[e] = sigmaPb / nEvents;
    else if (weights === "weighted") b.weight[e] = (sigmaPb / nEvents) * 2 * rng.uniform();
    else b.weight[e] = (sigmaPb / nEvents) * (rng.uniform() < 0.1 ? -1 : 1.25);
  }
  return b;
}

export function syntheticInfo(sigmaPb = 2.1): EventBatchInfo {
  return {
    processes: { 1: "u dbar > mu+ N", 2: "u dbar > mu+ N (alt)" },
    beamEnergyGeV: [6500, 6500],
    beamPdg: [2212, 2212],
    sigmaPb,
    sigmaErrPb: 0.01,
    meta: { seed: 7, lhapdfId: 303600 },
  };
}

/** A small file in MadGraph5_aMC@NLO's layout (header cards in CDATA, <initrwgt>, <mgrwt>, <rwgt>). */
export function madgraphLhe(): string {
  return `<LesHouchesEvents version="3.0">
<header>
<!--
#*********************************************************************
#                       MadGraph5_aMC@NLO                            *
<init> inside a banner comment must not confuse the reader
#*********************************************************************
-->
<MGVersion>
3.5.1
</MGVersion>
<MG5ProcCard>
<![CDATA[
import model sm
generate p p > mu+ vm
output wplus
<init> inside CDATA must not confuse the reader
]]>
</MG5ProcCard>
<MGRunCard>
<![CDATA[
  10000 = nevents ! Number of unweighted events requested
  average = event_norm
]]>
</MGRunCard>
<MGGenerationInfo>
#  Number of Events        :       3
#  Integrated weight (pb)  :       2.5
</MGGenerationInfo>
<initrwgt>
<weightgroup name="scale_variation" combine="envelope">
<weight id="1001"> dyn=  -1 muR=0.10000E+01 muF=0.10000E+01 </weight>
<weight id="1002"> dyn=  -1 muR=0.20000E+01 muF=0.10000E+01 </weight>
</weightgroup>
<weightgroup name="PDF4LHC" combine="hessian">
<weight id="1003"> PDF=  90400 PDF4LHC15_nnlo_30 </weight>
</weightgroup>
</initrwgt>
</header>
<init>
2212 2212 6.500000e+03 6.500000e+03 0 0 247000 247000 3 1
2.500000e+00 1.200000e-02 2.500000e+00 1
<generator name='MadGraph5_aMC@NLO' version='3.5.1'>please cite 1405.0301 </generator>
</init>
<event>
 4      1 +2.5000000e+00 8.03800000e+01 7.54677100e-03 1.18000000e-01
        2 -1    0    0  501    0 +0.0000000000e+00 +0.0000000000e+00 +4.5066314285e+02 4.5066314285e+02 0.0000000000e+00 0.0000e+00 -1.0000e+00
       -1 -1    0    0    0  501 -0.0000000000e+00 -0.0000000000e+00 -3.5842123311e+00 3.5842123311e+00 0.0000000000e+00 0.0000e+00 1.0000e+00
      -13  1    1    2    0    0 +1.0237538455e+01 -3.8011658611e+01 +2.9138082064e+02 2.9402358224e+02 1.0566000000e-01 0.0000e+00 1.0000e+00
       14  1    1    2    0    0 -1.0237538455e+01 +3.8011658611e+01 +1.5569810899e+02 1.6022389381e+02 0.0000000000e+00 0.0000e+00 -1.0000e+00
<mgrwt>
<rscale>  0 0.80380000E+02</rscale>
<asrwt>0</asrwt>
<pdfrwt beam="1">  1        2 0.69333302E-01 0.80380000E+02</pdfrwt>
<pdfrwt beam="2">  1       -1 0.55141728E-03 0.80380000E+02</pdfrwt>
<totfact> 0.38813591E+04</totfact>
</mgrwt>
<rwgt>
<wgt id='1001'> +2.5000000e+00 </wgt>
<wgt id='1002'> +2.4000000e+00 </wgt>
<wgt id='1003'> +2.6000000e+00 </wgt>
</rwgt>
</event>
<event>
 5      1 +2.5000000e+00 8.03800000e+01 7.54677100e-03 1.18000000e-01
        1 -1    0    0  501    0 +0.0000000000e+00 +0.0000000000e+00 +1.2000000000e+02 1.2000000000e+02 0.0000000000e+00 0.0000e+00 -1.0000e+00
       -2 -1    0    0    0  501 -0.0000000000e+00 -0.0000000000e+00 -6.0000000000e+01 6.0000000000e+01 0.0000000000e+00 0.0000e+00 1.0000e+00
      -24  2    1    2    0    0 +0.0000000000e+00 +0.0000000000e+00 +6.0000000000e+01 1.8000000000e+02 1.6970562748e+02 0.0000e+00 0.0000e+00
       13  1    3    3    0    0 +3.0000000000e+01 +0.0000000000e+00 +4.0000000000e+01 9.0000000000e+01 1.0566000000e-01 0.0000e+00 -1.0000e+00
      -14  1    3    3    0    0 -3.0000000000e+01 -0.0000000000e+00 +2.0000000000e+01 9.0000000000e+01 0.0000000000e+00 1.2500e+01 1.0000e+00
<rwgt>
<wgt id='1001'> +2.5000000e+00 </wgt>
<wgt id='1002'> +2.2000000e+00 </wgt>
<wgt id='1003'> +2.7000000e+00 </wgt>
</rwgt>
</event>
<event>
 3      1 -2.5000000e+00 9.10000000e+01 7.54677100e-03 1.18000000e-01
        2 -1    0    0  501    0 +0.0000000000e+00 +0.0000000000e+00 +1.0000000000e+02 1.0000000000e+02 0.0000000000e+00 0.0000e+00 -1.0000e+00
       -1 -1    0    0    0  501 -0.0000000000e+00 -0.0000000000e+00 -5.0000000000e+01 5.0000000000e+01 0.0000000000e+00 0.0000e+00 1.0000e+00
       24  1    1    2    0    0 +0.0000000000e+00 +0.0000000000e+00 +5.0000000000e+01 1.5000000000e+02 1.4142135624e+02 0.0000e+00 0.0000e+00
<scales pt_clust_1="80.0"></scales>
<rwgt>
<wgt id='1001'> -2.5000000e+00 </wgt>
<wgt id='1002'> -2.1000000e+00 </wgt>
<wgt id='1003'> -2.9000000e+00 </wgt>
</rwgt>
</event>
</LesHouchesEvents>
`;
}

/**
 * Two events of u d̄ → W⁺ → μ⁺ N, N → ν Z_D, Z_D → e⁺e⁻ (+ an FSR photon off the e⁻), after a
 * (pretend) Pythia run. The Z_D decays at (1.5, −2, 30) mm: an explicit vertex with a position.
 * Event 2 is in MEV / CM units to test the conversion. Pythia writes a running GenCrossSection:
 * the last one (2.1 ± 0.05 pb) is the run's. The run-level W line joins the weight names with an
 * escaped newline ("\\|"), and vertices carry a status, as HepMC3's WriterAscii (3.2) writes them.
 */
export function pythiaHepMC3(): string {
  return `HepMC::Version 3.02.06
HepMC::Asciiv3-START_EVENT_LISTING
W Weight\\|MUR2.0_MUF1.0
T Pythia8\\|308\\|Pythia 8.308 event generator
A 0 dummy_run_attribute 1
E 0 8 12
U GEV MM
W 1.0000000000000000e+00 1.1000000000000001e+00
A 0 GenCrossSection 1.9000000000000000e+00 1.0000000000000001e-01 1 1
A 0 GenPdfInfo 2 -1 6.0e-02 1.0e-02 8.0379000000000005e+01 0 0 0 0
A 0 alphaQCD 1.1800000000000000e-01
A 0 event_scale 8.0379000000000005e+01
A 0 mpi 3
A 0 signal_process_id 102
P 1 0 2212 0.0 0.0 6.4999999322799999e+03 6.5000000000000000e+03 9.3827000000000005e-01 4
P 2 0 2212 0.0 0.0 -6.4999999322799999e+03 6.5000000000000000e+03 9.3827000000000005e-01 4
P 3 1 2 0.0 0.0 3.9000000000000000e+02 3.9000000000000000e+02 0.0 21
P 4 2 -1 0.0 0.0 -6.5000000000000000e+01 6.5000000000000000e+01 0.0 21
V -3 0 [3,4]
P 5 -3 24 0.0 0.0 3.2500000000000000e+02 4.5500000000000000e+02 8.0379000000000005e+01 22
P 6 5 -13 2.0e+01 1.0e+01 2.0e+02 2.0124611797498107e+02 1.0565837550000000e-01 1
P 7 5 9900012 -2.0e+01 -1.0e+01 1.25e+02 1.2698425099200050e+02 3.0e-01 2
P 8 7 14 -1.0e+01 -5.0e+00 5.0e+01 5.1234753829797995e+01 0.0 1
P 9 7 1023 -1.0e+01 -5.0e+00 7.5e+01 7.5749587457645686e+01 1.0e-01 2
V -7 0 [9] @ 1.5000000000000000e+00 -2.0000000000000000e+00 3.0000000000000000e+01 3.0500000000000000e+01
P 10 -7 11 -4.0e+00 -3.0e+00 3.5e+01 3.5355339059327378e+01 5.1099895000000003e-04 2
P 11 -7 -11 -6.0e+00 -2.0e+00 4.0e+01 4.0496913462633174e+01 5.1099895000000003e-04 1
P 12 10 22 -1.0e+00 -1.0e+00 5.0e+00 5.1961524227066320e+00 0.0 1
E 1 4 6
U MEV CM
W 1.0000000000000000e+00 9.0000000000000002e-01
A 0 GenCrossSection 2.1000000000000001e+00 5.0000000000000003e-02 2 2
A 0 signal_process_id 102
P 1 0 2212 0.0 0.0 6.4999999322799999e+06 6.5000000000000000e+06 9.3827000000000005e+02 4
P 2 0 2212 0.0 0.0 -6.4999999322799999e+06 6.5000000000000000e+06 9.3827000000000005e+02 4
V -1 0 [1,2] @ 0.0 0.0 1.0e-01 0.0
P 3 -1 -13 1.0e+04 0.0 2.0e+04 2.2360929592813740e+04 1.0565837550000000e+02 1
P 4 -1 1023 -1.0e+04 0.0 1.0e+04 1.4142136e+04 1.0e+02 2
V -2 0 [4] @ 0.0 0.0 2.5e+00 0.0
P 5 -2 11 -5.0e+03 0.0 5.0e+03 7.0710678e+03 5.1099895000000003e-01 1
P 6 -2 -11 -5.0e+03 0.0 5.0e+03 7.0710678e+03 5.1099895000000003e-01 1
HepMC::Asciiv3-END_EVENT_LISTING

`;
}
