/**
 * HepMC3 ASCII reader on a small file in the layout Pythia 8 writes through HepMC3's WriterAscii
 * (reference: Buckley et al., Comput. Phys. Commun. 260 (2021) 107310, arXiv:1912.08005; the
 * Asciiv3 line types E/U/W/A/V/P). The file is written here, by hand, not copied.
 */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import { openHepMC3, readHepMC3 } from "../src/io/hepmc3.js";
import { pythiaHepMC3 } from "./io.helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dnreach-hepmc3-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Pythia-layout HepMC3 file", () => {
  test("final-state particles with production positions; σ from the last GenCrossSection", async () => {
    const file = join(dir, "pythia.hepmc");
    await writeFile(file, pythiaHepMC3());
    const { batch, info } = await readHepMC3(file);
    expect(batch.nEvents).toBe(2);
    // final state (status 1): event 0 → particles 6, 8, 11, 12; event 1 → 3, 5, 6
    expect(Array.from(batch.offsets)).toEqual([0, 4, 7]);
    expect(Array.from(batch.pdg)).toEqual([-13, 14, -11, 22, -13, 11, -11]);
    // Positions: 6, 8 come from implicit vertices above the hard vertex (no position → event
    // position 0); 11 from V −7; the photon 12 from the implicit end vertex of 10, which was
    // produced at V −7, so it inherits (1.5, −2, 30) mm (GenVertex::position rule).
    expect(Array.from(batch.vx.subarray(0, 4))).toEqual([0, 0, 1.5, 1.5]);
    expect(Array.from(batch.vy.subarray(0, 4))).toEqual([0, 0, -2, -2]);
    expect(Array.from(batch.vz.subarray(0, 4))).toEqual([0, 0, 30, 30]);
    // Event 1 in MEV/CM: momenta ×1e-3 → GeV, lengths ×10 → mm.
    expect(batch.px[4]).toBeCloseTo(10, 12);
    expect(batch.m[4]).toBeCloseTo(0.1056583755, 14);
    expect(Array.from(batch.vz.subarray(4, 7))).toEqual([1, 25, 25]);
    // σ = 2.1 pb from the last GenCrossSection; weights w·σ/Σw = 1·2.1/2 each, Σw = σ.
    expect(info.sigmaPb).toBe(2.1000000000000001);
    expect(info.sigmaErrPb).toBe(0.05);
    expect(Array.from(batch.weight)).toEqual([1.05, 1.05]);
    // Second weight (named), scaled by the same factor: 1.1·1.05, 0.9·1.05 (two roundings).
    expect(info.meta.weightNames).toEqual(["Weight", "MUR2.0_MUF1.0"]);
    expect(batch.weights[0]).toBeCloseTo(1.155, 14);
    expect(batch.weights[1]).toBeCloseTo(0.945, 14);
    // GenPdfInfo, alphaQCD, signal_process_id.
    expect([batch.id1[0], batch.id2[0], batch.x1[0], batch.x2[0]]).toEqual([2, -1, 0.06, 0.01]);
    expect(batch.scale[0]).toBe(80.379);
    expect(batch.alphaS[0]).toBe(0.118);
    expect(Array.from(batch.processId)).toEqual([102, 102]);
    expect(Array.from(batch.status).every((s) => s === 1)).toBe(true);
    // Beams from the status-4 particles of the first event; process names from signal_process_id.
    expect(info.beamPdg).toEqual([2212, 2212]);
    expect(info.beamEnergyGeV).toEqual([6500, 6500]);
    expect(Object.keys(info.processes)).toEqual(["102"]);
  });

  test('particles: "all" keeps the record, with mothers from the vertices', async () => {
    const file = join(dir, "pythia.hepmc.gz");
    await writeFile(file, gzipSync(pythiaHepMC3()));
    const { batch } = await readHepMC3(file, { particles: "all", batchSize: 1 });
    expect(Array.from(batch.offsets)).toEqual([0, 12, 18]);
    // W (id 5) from V −3 [3,4] → mothers 2, 3 (0-based); μ (id 6) from implicit vertex of 5 → 4.
    expect([batch.mother1[4], batch.mother2[4]]).toEqual([2, 3]);
    expect([batch.mother1[5], batch.mother2[5]]).toEqual([4, -1]);
    expect([batch.mother1[0], batch.mother1[2]]).toEqual([-1, 0]);
    // Beams and Pythia's incoming hard partons (21) → −1, final → 1, others → 2; raw codes kept.
    expect(Array.from(batch.status.subarray(0, 6))).toEqual([-1, -1, -1, -1, 2, 1]);
    expect(Array.from(batch.generatorStatus.subarray(0, 6))).toEqual([4, 4, 21, 21, 22, 1]);
    // Z_D (id 9) was produced at the hard vertex (z = 0), its daughters at z = 30 mm.
    expect([batch.vz[8], batch.vz[9], batch.vz[10]]).toEqual([0, 30, 30]);
  });

  test("streams in batches", async () => {
    const file = join(dir, "pythia.hepmc");
    await writeFile(file, pythiaHepMC3());
    const f = await openHepMC3(file, { batchSize: 1 });
    expect(f.nEvents).toBe(2);
    const sizes: number[] = [];
    for await (const b of f.batches()) sizes.push(b.nEvents);
    expect(sizes).toEqual([1, 1]);
  });
});

describe("bad input: FileFormatError(file, line, expected)", () => {
  async function check(
    name: string,
    edit: (lines: string[]) => string[],
    line: number | undefined,
    re: RegExp,
  ) {
    const file = join(dir, name);
    await writeFile(file, edit(pythiaHepMC3().split("\n")).join("\n"));
    const err = await readHepMC3(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as FileFormatError).file).toBe(file);
    expect((err as FileFormatError).line).toBe(line);
    expect((err as Error).message).toMatch(re);
  }

  test("wrong particle count on the E line", async () => {
    // E line 6 says 13 particles; the event has 12 and ends where the next E starts (line 29).
    await check(
      "count.hepmc",
      (l) => l.map((s) => (s === "E 0 8 12" ? "E 0 8 13" : s)),
      29,
      /13 P lines .*found 12/,
    );
  });

  test("non-numeric momentum", async () => {
    await check(
      "nan.hepmc",
      (l) => l.map((s) => s.replace("P 6 5 -13 2.0e+01", "P 6 5 -13 2.0f+01")),
      21,
      /px: a finite number \(got "2.0f\+01"\)/,
    );
  });

  test("truncated file (no end marker)", async () => {
    await check("trunc.hepmc", (l) => l.slice(0, 30), 31, /truncated/);
  });

  test("particle from an undefined vertex", async () => {
    await check(
      "vtx.hepmc",
      (l) => l.map((s) => s.replace("P 5 -3 24", "P 5 -4 24")),
      20,
      /vertex -4 defined by a V line before/,
    );
  });

  test("a HepMC2 file is named as such", async () => {
    await check(
      "v2.hepmc",
      (l) => ["HepMC::Version 2.06.09", "HepMC::IO_GenEvent-START_EVENT_LISTING", ...l.slice(2)],
      2,
      /HepMC2 file/,
    );
  });
});
