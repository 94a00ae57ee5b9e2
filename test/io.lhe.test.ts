/**
 * LHE writer and streamed reader.
 * References: Les Houches accord (Boos et al., hep-ph/0109068) for the HEPRUP/HEPEUP fields and
 * the IDWTUP weight strategies; Alwall et al., hep-ph/0609017 for the file layout; LHEF v3
 * weights (arXiv:1405.1067). Files are written by the tests themselves.
 */

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FileFormatError } from "../src/core/errors.js";
import { concatEventBatches, type EventBatch, PARTICLE_COLUMNS } from "../src/core/events.js";
import { fsum } from "../src/core/sum.js";
import { LheWriter, openLhe, readLhe, writeLhe } from "../src/io/lhe.js";
import { madgraphLhe, syntheticBatch, syntheticInfo } from "./io.helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dnreach-lhe-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PARTICLE_COLS = PARTICLE_COLUMNS;
const EVENT_COLS = ["processId", "scale", "alphaS", "x1", "x2", "id1", "id2"] as const;

function expectSameEvents(a: EventBatch, b: EventBatch): void {
  expect(b.nEvents).toBe(a.nEvents);
  expect(Array.from(b.offsets)).toEqual(Array.from(a.offsets));
  for (const c of PARTICLE_COLS) expect(Array.from(b[c]), c).toEqual(Array.from(a[c]));
  for (const c of EVENT_COLS) expect(Array.from(b[c]), c).toEqual(Array.from(a[c]));
}

async function expectFormatError(p: Promise<unknown>, file: string, line: number | undefined, text: RegExp) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileFormatError);
  const f = err as FileFormatError;
  expect(f.file).toBe(file);
  expect(f.line).toBe(line);
  expect(f.message).toMatch(text);
}

describe("round trip: our events → LHE → EventBatch", () => {
  test("unweighted (IDWTUP = 3): every column equal to the bit, Σw = σ", async () => {
    // 17 significant digits (toExponential(16)) reproduce any double exactly (IEEE 754 §5.12.2);
    // XSECUP = Neumaier Σw and the reader's scale XSECUP/ΣXWGTUP is then exactly 1.
    const batches = [syntheticBatch(30, 1), syntheticBatch(30, 2)];
    const file = join(dir, "unweighted.lhe");
    await writeLhe(file, syntheticInfo(), batches);
    const { batch, init, info } = await readLhe(file, { batchSize: 16 });
    const all = concatEventBatches(batches);
    expect(init.idwtup).toBe(3);
    expectSameEvents(all, batch);
    expect(Array.from(batch.weight)).toEqual(Array.from(all.weight));
    // Σw over the sample reproduces σ to the rounding of one compensated sum (≤ 2 ulp).
    expect(Math.abs(fsum(batch.weight) - info.sigmaPb)).toBeLessThanOrEqual(4e-16 * info.sigmaPb);
  });

  test("weighted (IDWTUP = 4, XWGTUP = w·N): weights within 2 ulp, rest to the bit; gzip", async () => {
    const b = syntheticBatch(50, 3, "weighted");
    const file = join(dir, "weighted.lhe.gz");
    await writeLhe(file, syntheticInfo(), [b], { gzip: true });
    const raw = await readFile(file);
    expect(raw[0]).toBe(0x1f); // really gzip (RFC 1952 magic)
    const { batch, init, info } = await readLhe(file);
    expect(init.idwtup).toBe(4);
    expectSameEvents(b, batch);
    // (w·N)/N: two correctly rounded operations → relative error ≤ 2u = 2^-52.
    for (let e = 0; e < b.nEvents; e++)
      expect(Math.abs(batch.weight[e]! - b.weight[e]!)).toBeLessThanOrEqual(
        2 ** -52 * Math.abs(b.weight[e]!),
      );
    // σ = ⟨XWGTUP⟩ (accord, IDWTUP = ±4) = Σw; tolerance: N roundings of the sum, 1e-14.
    expect(info.sigmaPb).toBeCloseTo(fsum(b.weight), 12);
  });

  test("signed weights → IDWTUP = −4 and Σw = σ", async () => {
    const b = syntheticBatch(60, 4, "signed");
    const file = join(dir, "signed.lhe");
    await writeLhe(file, syntheticInfo(), [b]);
    const { batch, init, info } = await readLhe(file);
    expect(init.idwtup).toBe(-4);
    expect(batch.weight.some((w) => w < 0)).toBe(true);
    // Σw = σ by construction of the normalisation; tolerance 1e-14 relative (summation rounding).
    expect(Math.abs(fsum(batch.weight) - info.sigmaPb)).toBeLessThan(1e-14 * Math.abs(info.sigmaPb));
  });

  test("streaming: batches of the requested size, concatenation equals the whole", async () => {
    const b = syntheticBatch(25, 5);
    const file = join(dir, "stream.lhe");
    await writeLhe(file, syntheticInfo(), [b]);
    const f = await openLhe(file, { batchSize: 7 });
    expect(f.nEvents).toBe(25);
    const sizes: number[] = [];
    const parts: EventBatch[] = [];
    for await (const part of f.batches()) {
      sizes.push(part.nEvents);
      parts.push(part);
    }
    expect(sizes).toEqual([7, 7, 7, 4]);
    expectSameEvents(b, concatEventBatches(parts));
  });
});

describe("MadGraph-layout file", () => {
  test("header, weights, mothers, VTIMUP, x from the incoming partons; Σw = XSECUP", async () => {
    const file = join(dir, "mg.lhe");
    await writeFile(file, madgraphLhe());
    const { batch, init, info } = await readLhe(file);
    expect(init.idwtup).toBe(3);
    expect(init.pdfSet).toEqual([247000, 247000]);
    expect(init.weightNames).toEqual(["1001", "1002", "1003"]);
    expect(batch.nEvents).toBe(3);
    expect(Array.from(batch.offsets)).toEqual([0, 4, 9, 12]);
    // IDWTUP = 3 with XWGTUP = ±σ (MadGraph's event_norm = average): the accord fixes σ = XSECUP,
    // so w_i = XWGTUP_i · XSECUP / Σ XWGTUP = ±2.5 · 2.5 / 2.5 = ±2.5 pb, and Σw = 2.5 pb = σ.
    expect(Array.from(batch.weight)).toEqual([2.5, 2.5, -2.5]);
    expect(info.sigmaPb).toBe(2.5);
    expect(fsum(batch.weight)).toBe(info.sigmaPb);
    // Named weights scaled by the same factor (1 here).
    expect(Array.from(batch.weights.subarray(0, 3))).toEqual([2.5, 2.4, 2.6]);
    expect(Array.from(batch.weights.subarray(6, 9))).toEqual([-2.5, -2.1, -2.9]);
    // MOTHUP 1-based (0 = none) → 0-based (−1 = none), hep-ph/0109068.
    expect(Array.from(batch.mother1.subarray(4, 9))).toEqual([-1, -1, 0, 2, 2]);
    expect(Array.from(batch.mother2.subarray(4, 9))).toEqual([-1, -1, 1, 2, 2]);
    expect(Array.from(batch.status.subarray(4, 9))).toEqual([-1, -1, 2, 1, 1]);
    // VTIMUP (cτ in mm) kept; vertices zero for LHE input.
    expect(batch.ctauMm[8]).toBe(12.5);
    expect(Array.from(batch.vz).every((z) => z === 0)).toBe(true);
    // No #pdf line: x = E/EBMUP of the incoming parton along +z (resp. −z): 450.66314285/6500.
    expect(batch.x1[0]).toBe(450.66314285 / 6500);
    expect(batch.x2[0]).toBe(3.5842123311 / 6500);
    expect([batch.id1[1], batch.id2[1]]).toEqual([1, -2]);
    expect(Array.from(batch.scale)).toEqual([80.38, 80.38, 91]);
    expect(batch.alphaS[0]).toBe(0.118);
  });
});

describe("MadGraph file → our writer → reader", () => {
  test("named weights survive (LHEF 3 <initrwgt>/<rwgt>), all columns equal to the bit", async () => {
    const src = join(dir, "mg-src.lhe");
    await writeFile(src, madgraphLhe());
    const a = await readLhe(src);
    const out = join(dir, "mg-rewritten.lhe.gz");
    await writeLhe(out, a.info, [a.batch], { weightNames: a.init.weightNames, gzip: true });
    const b = await readLhe(out);
    expect(b.init.weightNames).toEqual(["1001", "1002", "1003"]);
    expectSameEvents(a.batch, b.batch);
    expect(Array.from(b.batch.weight)).toEqual(Array.from(a.batch.weight));
    expect(Array.from(b.batch.weights)).toEqual(Array.from(a.batch.weights));
    expect(Array.from(b.batch.ctauMm)).toEqual(Array.from(a.batch.ctauMm));
    expect(Array.from(b.batch.spin)).toEqual(Array.from(a.batch.spin));
  });
});

describe("IDWTUP normalisation (hep-ph/0109068)", () => {
  const event = (proc: number, w: number) => `<event>
1 ${proc} ${w} 91.0 -1 0.118
 11 1 0 0 0 0 1 0 0 1 0 0 9
</event>`;
  const file = (idwtup: number, procs: string, events: string[]) => `<LesHouchesEvents version="1.0">
<init>
2212 2212 7000 7000 0 0 0 0 ${idwtup} ${procs.trim().split("\n").length}
${procs}
</init>
${events.join("\n")}
</LesHouchesEvents>
`;

  test("±3 with two processes: each process sums to its XSECUP", async () => {
    const p = join(dir, "n3.lhe");
    await writeFile(
      p,
      file(3, "1.0 0.1 1 11\n3.0 0.2 1 12", [
        event(11, 1),
        event(11, 1),
        event(12, 1),
        event(12, 1),
        event(12, 1),
      ]),
    );
    const { batch, info } = await readLhe(p);
    // w = XWGTUP · XSECUP_p / Σ_p XWGTUP: 1·1/2 and 1·3/3 (exact in binary).
    expect(Array.from(batch.weight)).toEqual([0.5, 0.5, 1, 1, 1]);
    expect(info.sigmaPb).toBe(4);
    expect(info.sigmaErrPb).toBeCloseTo(Math.hypot(0.1, 0.2), 15);
  });

  test("2: relative weights rescaled to XSECUP", async () => {
    const p = join(dir, "n2.lhe");
    await writeFile(p, file(2, "6.0 0.1 4 1", [event(1, 1), event(1, 2), event(1, 3)]));
    const { batch } = await readLhe(p);
    expect(Array.from(batch.weight)).toEqual([1, 2, 3]); // 6/(1+2+3) = 1
  });

  test("−4: σ = mean XWGTUP, weights XWGTUP/N", async () => {
    const p = join(dir, "n4.lhe");
    await writeFile(p, file(-4, "0 0 0 1", [event(1, 8), event(1, -4), event(1, 2), event(1, 6)]));
    const { batch, info } = await readLhe(p);
    expect(Array.from(batch.weight)).toEqual([2, -1, 0.5, 1.5]);
    expect(info.sigmaPb).toBe(3); // (8 − 4 + 2 + 6)/4
  });

  test('normalisation: "raw" keeps XWGTUP and skips the pre-pass', async () => {
    const p = join(dir, "n4.lhe");
    const f = await openLhe(p, { normalisation: "raw" });
    expect(f.nEvents).toBeUndefined();
    const ws: number[] = [];
    for await (const b of f.batches()) ws.push(...b.weight);
    expect(ws).toEqual([8, -4, 2, 6]);
  });
});

describe('VTIMUP → decay vertices (option vertices: "lifetime")', () => {
  test("daughters of a Z_D with cτ = 0.5 mm and p/m = (3, 0, 300) start at (1.5, 0, 150) mm", async () => {
    // x_decay = x_prod + (p⃗/m)·cτ (VTIMUP is the invariant lifetime cτ, hep-ph/0109068).
    const p = join(dir, "vtim.lhe");
    await writeFile(
      p,
      `<LesHouchesEvents version="1.0">
<init>
2212 2212 7000 7000 0 0 0 0 3 1
1.0 0.0 1.0 1
</init>
<event>
3 1 1.0 91.0 -1 0.118
 1023 2 0 0 0 0 0.3 0 30 30.0016666 0.1 0.5 9
 11 1 1 1 0 0 0.15 0 15 15 0 0 9
 -11 1 1 1 0 0 0.15 0 15 15 0 0 9
</event>
</LesHouchesEvents>
`,
    );
    const zero = await readLhe(p);
    expect(Array.from(zero.batch.vz)).toEqual([0, 0, 0]);
    const { batch } = await readLhe(p, { vertices: "lifetime" });
    // tolerance: two roundings in (p/m)·cτ → 1e-12 relative is ample
    expect(batch.vx[1]).toBeCloseTo(1.5, 12);
    expect(batch.vz[2]).toBeCloseTo(150, 10);
    expect(batch.vz[0]).toBe(0);
    expect(batch.ctauMm[0]).toBe(0.5);
  });
});

describe("bad input: FileFormatError(file, line, expected)", () => {
  const good = () => madgraphLhe().split("\n");
  async function withLines(name: string, lines: string[]): Promise<string> {
    const p = join(dir, name);
    await writeFile(p, lines.join("\n"));
    return p;
  }
  const lineOf = (lines: string[], prefix: string, nth = 0) => {
    let k = -1;
    for (let i = 0; i <= nth; i++) k = lines.findIndex((l, j) => j > k && l.trim().startsWith(prefix));
    return k + 1; // 1-based
  };

  test("truncated file", async () => {
    const lines = good();
    const cut = lineOf(lines, "<event>", 1) + 2;
    const p = await withLines("trunc.lhe", lines.slice(0, cut));
    // The pre-pass meets the end first: it expects the rest of the event up to </event>.
    await expectFormatError(readLhe(p), p, cut + 1, /<\/event> \(the file ends here: truncated\?\)/);
    // Without the pre-pass the event parser names the missing particle line.
    const f = await openLhe(p, { normalisation: "raw" });
    const it = f.batches();
    await expectFormatError(it.next(), p, cut + 1, /particle line 2 of NUP = 5 .*truncated/);
  });

  test("missing </init>", async () => {
    const lines = good().filter((l) => !l.startsWith("</init>"));
    const p = await withLines("noinit.lhe", lines);
    await expectFormatError(readLhe(p), p, lineOf(lines, "<event>"), /<\/init> before the first event/);
  });

  test("NUP larger than the particle lines", async () => {
    const lines = good();
    const k = lineOf(lines, "<event>");
    lines[k] = lines[k]!.replace(/^ 4/, " 5");
    const p = await withLines("nup.lhe", lines);
    await expectFormatError(readLhe(p), p, k + 6, /particle line 5 of NUP = 5.*only 4 particle lines/);
  });

  test("NUP smaller than the particle lines", async () => {
    const lines = good();
    const k = lineOf(lines, "<event>");
    lines[k] = lines[k]!.replace(/^ 4/, " 3");
    const p = await withLines("nup2.lhe", lines);
    await expectFormatError(readLhe(p), p, k + 5, /another particle line: NUP wrong/);
  });

  test("non-numeric momentum", async () => {
    const lines = good();
    const k = lineOf(lines, "<event>") + 2;
    lines[k - 1] = lines[k - 1]!.replace("+4.5066314285e+02", "4.5O66e+02");
    const p = await withLines("nan.lhe", lines);
    await expectFormatError(readLhe(p), p, k, /PUP3 \(pz, GeV\): a finite number \(got "4.5O66e\+02"\)/);
  });

  test("huge line", async () => {
    const lines = good();
    const k = lineOf(lines, "<MGVersion>");
    lines.splice(k, 0, "x".repeat(3000));
    const p = await withLines("huge.lhe", lines);
    await expectFormatError(readLhe(p, { maxLineBytes: 1000 }), p, k + 1, /a line of at most 1000 bytes/);
  });

  test("truncated gzip stream", async () => {
    const gz = gzipSync(madgraphLhe());
    const p = join(dir, "trunc.lhe.gz");
    await writeFile(p, gz.subarray(0, gz.length - 40));
    const err = await readLhe(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as Error).message).toMatch(/trunc\.lhe\.gz:\d+: /);
  });

  test("undeclared <wgt> id and missing </LesHouchesEvents>", async () => {
    const lines = good();
    const k = lineOf(lines, "<wgt id='1002'>");
    lines[k - 1] = "<wgt id='9999'> 1.0 </wgt>";
    const p = await withLines("wgt.lhe", lines);
    await expectFormatError(readLhe(p), p, k, /weight id declared in <initrwgt> \(got "9999"\)/);
    const lines2 = good().filter((l) => !l.startsWith("</LesHouchesEvents"));
    const p2 = await withLines("noend.lhe", lines2);
    // The file ends with "</event>\n": the missing closing tag is expected on the next line.
    await expectFormatError(readLhe(p2), p2, lines2.length, /after 3 events: truncated/);
  });
});

describe("atomic output", () => {
  test("a failing write leaves the previous file untouched and no temporary file", async () => {
    const sub = await mkdtemp(join(dir, "atomic-"));
    const target = join(sub, "events.lhe");
    await writeFile(target, "previous content\n");
    const w = await LheWriter.open(target, syntheticInfo(), {
      idwtup: 3,
      processes: [{ id: 1, xsecPb: 1, xerrPb: 0, xmaxPb: 1 }],
    });
    const ok = syntheticBatch(3, 9);
    ok.processId.fill(1);
    await w.write(ok);
    // event 0 of a synthetic batch has processId 2, which the init block does not declare → abort.
    const err = await w.write(syntheticBatch(2, 10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect(await readFile(target, "utf8")).toBe("previous content\n");
    expect(await readdir(sub)).toEqual(["events.lhe"]);
  });
});
