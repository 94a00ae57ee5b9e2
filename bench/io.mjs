#!/usr/bin/env node
// Streaming benchmark for the LHE reader (src/io/lhe.ts); `--format hepmc3` does the same for
// the HepMC3 reader (synthetic Pythia-like events with --shower final-state particles, default 200).
//
//   npm run build && node bench/io.mjs [--size-mb 1024] [--gzip] [--batch 10000] [--dir /tmp]
//   npm run build && node bench/io.mjs --format hepmc3 [--size-mb 1024] [--batch 1000] [--shower 200]
//
// 1. Writes a synthetic LHE file of about --size-mb MB (default 1 GB) in --dir (default the OS
//    temporary directory) with the library's LheWriter: 9-particle W → μ N, N → ν Z_D, Z_D → ee
//    events, displaced vertices, IDWTUP = 3.
// 2. Reads it in a *separate* process (so the reader's peak RSS is its own): openLhe (the
//    normalisation pre-pass) then the streamed batches, sampling RSS as it goes.
// 3. Prints events/s, MB/s, peak RSS (process.resourceUsage().maxRSS) and the RSS samples, and
//    deletes the file (also on error or Ctrl-C).
import { spawnSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = join(here, "..", "dist");
const lib = await import(join(dist, "index.js"));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

if (process.argv[2] === "--read") {
  await readMode(process.argv[3], Number(process.argv[4]));
} else if (process.argv[2] === "--read-hepmc3") {
  await readHepMC3Mode(process.argv[3], Number(process.argv[4]));
} else if (arg("--format", "lhe") === "hepmc3") {
  await mainHepMC3();
} else {
  await main();
}

/**
 * A Pythia-like HepMC3 event: beams, two incoming partons, W → μ N, N → ν Z_D, Z_D → ee at a
 * displaced vertex, plus `nShower` final-state particles hanging off the beams through implicit
 * vertices (as a parton shower + hadronisation record would).
 */
function hepmc3Event(rng, number, nShower) {
  const f = (x) => x.toExponential(16);
  const lines = [];
  const np = 11 + nShower;
  lines.push(`E ${number} 7 ${np}`, "U GEV MM", `W ${f(1)}`); // 7 vertices, 2 of them written
  lines.push(`A 0 GenCrossSection ${f(2.1)} ${f(0.01)} ${number + 1} ${number + 1}`);
  lines.push("A 0 signal_process_id 102");
  lines.push(
    `P 1 0 2212 0 0 ${f(6500)} ${f(6500)} ${f(0.938)} 4`,
    `P 2 0 2212 0 0 ${f(-6500)} ${f(6500)} ${f(0.938)} 4`,
  );
  lines.push(`P 3 1 2 0 0 ${f(300)} ${f(300)} 0 21`, `P 4 2 -1 0 0 ${f(-50)} ${f(50)} 0 21`);
  lines.push("V -3 0 [3,4]");
  lines.push(`P 5 -3 24 0 0 ${f(250)} ${f(350)} ${f(80.379)} 22`);
  lines.push(`P 6 5 -13 ${f(20)} ${f(10)} ${f(200)} ${f(201.25)} ${f(0.10566)} 1`);
  lines.push(`P 7 5 9900012 ${f(-20)} ${f(-10)} ${f(50)} ${f(56.7)} ${f(0.3)} 2`);
  lines.push(`P 8 7 14 ${f(-10)} ${f(-5)} ${f(20)} ${f(22.9)} 0 1`);
  lines.push(`P 9 7 1023 ${f(-10)} ${f(-5)} ${f(30)} ${f(32)} ${f(0.1)} 2`);
  const z = rng.exponential(10);
  lines.push(`V -7 0 [9] @ ${f(0.01 * z)} ${f(-0.02 * z)} ${f(z)} ${f(z)}`);
  lines.push(`P 10 -7 11 ${f(-4)} ${f(-3)} ${f(15)} ${f(15.8)} ${f(0.000511)} 1`);
  lines.push(`P 11 -7 -11 ${f(-6)} ${f(-2)} ${f(15)} ${f(16.3)} ${f(0.000511)} 1`);
  for (let k = 0; k < nShower; k++) {
    const px = rng.normal();
    const py = rng.normal();
    const pz = 20 * rng.normal();
    lines.push(
      `P ${12 + k} ${1 + (k % 2)} 211 ${f(px)} ${f(py)} ${f(pz)} ${f(Math.hypot(px, py, pz, 0.1396))} ${f(0.1396)} 1`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function mainHepMC3() {
  const sizeMb = Number(arg("--size-mb", "1024"));
  const batchSize = Number(arg("--batch", "1000"));
  const nShower = Number(arg("--shower", "200"));
  const dir = arg("--dir", tmpdir());
  const file = join(dir, `dnreach-bench-${process.pid}.hepmc`);
  const cleanup = () => rmSync(file, { force: true });
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const rng = lib.randomStream(3, 0);
    const out = await lib.openAtomicWriteStream(file);
    await out.write(
      "HepMC::Version 3.02.06\nHepMC::Asciiv3-START_EVENT_LISTING\nW Weight\nT dnreach-bench\\|0\\|synthetic\n",
    );
    const target = sizeMb * 2 ** 20;
    let written = 0;
    let n = 0;
    const t0 = performance.now();
    while (written < target) {
      const parts = [];
      for (let k = 0; k < 100; k++) parts.push(hepmc3Event(rng, n++, nShower));
      const text = parts.join("");
      written += text.length;
      await out.write(text);
    }
    await out.write("HepMC::Asciiv3-END_EVENT_LISTING\n\n");
    await out.commit();
    const writeS = (performance.now() - t0) / 1000;
    console.log(
      `wrote ${n} HepMC3 events (${11 + nShower} particles each), ${(statSync(file).size / 2 ** 20).toFixed(0)} MB in ${writeS.toFixed(1)} s`,
    );
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), "--read-hepmc3", file, String(batchSize)],
      { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
    );
    process.stdout.write(child.stdout);
    if (child.status !== 0) process.exitCode = 1;
  } finally {
    cleanup();
  }
}

async function readHepMC3Mode(file, batchSize) {
  const rssSamples = [];
  const size = statSync(file).size;
  const t0 = performance.now();
  const f = await lib.openHepMC3(file, { batchSize });
  const t1 = performance.now();
  let n = 0;
  let kept = 0;
  for await (const b of f.batches()) {
    n += b.nEvents;
    kept += b.offsets[b.nEvents];
    if (rssSamples.length === 0 || n >= (rssSamples.length * f.nEvents) / 10)
      rssSamples.push(Math.round(process.memoryUsage().rss / 2 ** 20));
  }
  const t2 = performance.now();
  const prepassS = (t1 - t0) / 1000;
  const readS = (t2 - t1) / 1000;
  console.log(
    `pre-pass (count, Σw, GenCrossSection): ${prepassS.toFixed(1)} s, ${(size / 2 ** 20 / prepassS).toFixed(0)} MB/s`,
  );
  console.log(
    `streamed read: ${n} events (${kept} final-state particles kept) in ${readS.toFixed(1)} s: ${(n / readS).toFixed(0)} events/s, ${(size / 2 ** 20 / readS).toFixed(0)} MB/s`,
  );
  console.log(`σ = ${f.info.sigmaPb} pb`);
  console.log(`RSS every 10 % of the file (MB): ${rssSamples.join(" ")}`);
  console.log(`peak RSS (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

function syntheticBatch(nEvents, seed) {
  const rng = lib.randomStream(seed, 0);
  const P = 9;
  const b = lib.allocateFixedEventBatch(nEvents, P);
  const pdg = [2, -1, 24, -13, 9900012, 14, 1023, 11, -11];
  const status = [-1, -1, 2, 1, 2, 1, 2, 1, 1];
  const m1 = [-1, -1, 0, 2, 2, 4, 4, 6, 6];
  const m2 = [-1, -1, 1, -1, -1, -1, -1, -1, -1];
  const mass = [0, 0, 80.379, 0.1056583755, 0.3, 0, 0.1, 0.00051099895, 0.00051099895];
  for (let e = 0; e < nEvents; e++) {
    for (let k = 0; k < P; k++) {
      const i = e * P + k;
      b.pdg[i] = pdg[k];
      b.status[i] = status[k];
      b.mother1[i] = m1[k];
      b.mother2[i] = m2[k];
      b.colour[i] = k === 0 ? 501 : 0;
      b.anticolour[i] = k === 1 ? 501 : 0;
      const px = 50 * rng.normal();
      const py = 50 * rng.normal();
      const pz = 300 * rng.normal();
      b.px[i] = px;
      b.py[i] = py;
      b.pz[i] = pz;
      b.m[i] = mass[k];
      b.E[i] = Math.sqrt(px * px + py * py + pz * pz + mass[k] ** 2);
      if (k >= 7) b.vz[i] = rng.exponential(10);
    }
    b.processId[e] = 1;
    b.scale[e] = 80.379;
    b.alphaS[e] = 0.118;
    b.x1[e] = rng.uniform();
    b.x2[e] = rng.uniform();
    b.id1[e] = 2;
    b.id2[e] = -1;
    b.weight[e] = 2.1e-6;
  }
  return b;
}

async function main() {
  const sizeMb = Number(arg("--size-mb", "1024"));
  const gzip = process.argv.includes("--gzip");
  const batchSize = Number(arg("--batch", "10000"));
  const dir = arg("--dir", tmpdir());
  const file = join(dir, `dnreach-bench-${process.pid}.lhe${gzip ? ".gz" : ""}`);
  const cleanup = () => rmSync(file, { force: true });
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const info = {
      processes: { 1: "u dbar > mu+ N" },
      beamEnergyGeV: [6500, 6500],
      beamPdg: [2212, 2212],
      sigmaPb: 2.1,
      sigmaErrPb: 0.01,
      meta: {},
    };
    const template = syntheticBatch(batchSize, 1);
    // Size of one uncompressed event: probe with a small plain file.
    const probe = `${file}.probe.lhe`;
    await lib.writeLhe(probe, info, [syntheticBatch(1000, 2)], { idwtup: 3 });
    const bytesPerEvent = statSync(probe).size / 1000;
    rmSync(probe, { force: true });
    const nBatches = Math.max(1, Math.round((sizeMb * 2 ** 20) / (bytesPerEvent * batchSize)));
    const nEvents = nBatches * batchSize;
    const t0 = performance.now();
    const w = await lib.LheWriter.open(file, info, {
      idwtup: 3,
      gzip,
      processes: [{ id: 1, xsecPb: 2.1, xerrPb: 0.01, xmaxPb: 2.1e-6 }],
    });
    for (let k = 0; k < nBatches; k++) await w.write(template);
    await w.close();
    const writeS = (performance.now() - t0) / 1000;
    const size = statSync(file).size;
    console.log(
      `wrote ${nEvents} events, ${(size / 2 ** 20).toFixed(0)} MB${gzip ? " (gzip)" : ""} in ${writeS.toFixed(1)} s ` +
        `(${(nEvents / writeS).toFixed(0)} events/s)`,
    );
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), "--read", file, String(batchSize)],
      {
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
      },
    );
    process.stdout.write(child.stdout);
    if (child.status !== 0) process.exitCode = 1;
  } finally {
    cleanup();
  }
}

async function readMode(file, batchSize) {
  const rssSamples = [];
  const size = statSync(file).size;
  const t0 = performance.now();
  const f = await lib.openLhe(file, { batchSize });
  const t1 = performance.now();
  let n = 0;
  let particles = 0;
  const sum = new lib.NeumaierSum();
  for await (const b of f.batches()) {
    n += b.nEvents;
    particles += b.offsets[b.nEvents];
    for (let e = 0; e < b.nEvents; e++) sum.add(b.weight[e]);
    if (rssSamples.length === 0 || n >= (rssSamples.length * f.nEvents) / 10)
      rssSamples.push(Math.round(process.memoryUsage().rss / 2 ** 20));
  }
  const t2 = performance.now();
  const prepassS = (t1 - t0) / 1000;
  const readS = (t2 - t1) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `pre-pass (count + Σ XWGTUP): ${prepassS.toFixed(1)} s, ${(f.nEvents / prepassS).toFixed(0)} events/s, ${(size / 2 ** 20 / prepassS).toFixed(0)} MB/s`,
  );
  console.log(
    `streamed read: ${n} events, ${particles} particles in ${readS.toFixed(1)} s: ${(n / readS).toFixed(0)} events/s, ${(size / 2 ** 20 / readS).toFixed(0)} MB/s`,
  );
  console.log(`total (pre-pass + read): ${(n / (prepassS + readS)).toFixed(0)} events/s`);
  console.log(`Σ weight = ${sum.value} pb (σ = ${f.info.sigmaPb} pb)`);
  console.log(`RSS every 10 % of the file (MB): ${rssSamples.join(" ")}`);
  console.log(`peak RSS (maxRSS): ${maxRssMb.toFixed(0)} MB`);
}
