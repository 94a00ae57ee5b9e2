/**
 * File handling: malformed grids and .info files give FileFormatError naming file and line;
 * random garbage never escapes as anything but FileFormatError/InputError (fast-check); set lookup
 * order (searchPaths, LHAPDF_DATA_PATH, embedded, direct path), missing set/member messages, caching.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { FileFormatError, InputError } from "../src/core/errors.js";
import {
  clearPdfCache,
  DEFAULT_PDF_SET,
  EMBEDDED_PDF_DIR,
  loadPdfSet,
  parseInfo,
  parseLhagrid1,
} from "../src/pdf/index.js";

const GOOD_INFO =
  "Format: lhagrid1\nNumMembers: 1\nFlavors: [1, 2, 21]\nOrderQCD: 0\nAlphaS_MZ: 0.118\nMCharm: 1.3\nMBottom: 4.75\nMTop: 172.5\n";

/** A small valid grid: 4 x knots, 4 Q knots, flavours 1 2 21 (rows numbered from line 7). */
function smallGrid(): string {
  const xs = "1e-5 1e-3 0.1 1";
  const qs = "1 10 100 1000";
  let s = `PdfType: central\nFormat: lhagrid1\n---\n${xs}\n${qs}\n1 2 21\n`;
  for (let i = 0; i < 16; i++) s += `${0.1 + i * 0.01} ${0.2 + i * 0.01} ${1 + i * 0.1}\n`;
  return `${s}---\n`;
}

function expectFormatError(fn: () => unknown, file: string, line: number | undefined, pattern: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FileFormatError);
    const err = e as FileFormatError;
    expect(err.file).toBe(file);
    expect(err.line).toBe(line);
    expect(err.message).toMatch(pattern);
    expect(err.message.startsWith(line === undefined ? `${file}: ` : `${file}:${line}: `)).toBe(true);
    return;
  }
  expect.fail("no error thrown");
}

describe("malformed lhagrid1 files", () => {
  it("parses the small valid grid (control)", () => {
    const g = parseLhagrid1(smallGrid(), "ok.dat");
    expect(g.subgrids.length).toBe(1);
    expect(Array.from(g.flavours)).toEqual([1, 2, 21]);
  });

  it("truncated block: names the line after the last one read", () => {
    const lines = smallGrid().split("\n");
    const truncated = lines.slice(0, 12).join("\n"); // header 3 + knots 3 + 6 of 16 rows
    expectFormatError(
      () => parseLhagrid1(truncated, "t.dat"),
      "t.dat",
      13,
      /truncated file: expected row 7 of 16/,
    );
    const early = lines.slice(0, 12).concat(["---"]).join("\n");
    expectFormatError(
      () => parseLhagrid1(early, "t2.dat"),
      "t2.dat",
      13,
      /truncated subgrid 1: found '---' after 6 of 16 rows/,
    );
    const noEnd = lines.slice(0, 22).join("\n");
    expectFormatError(() => parseLhagrid1(noEnd, "t3.dat"), "t3.dat", 23, /expected '---' closing subgrid 1/);
  });

  it("wrong column count names the row's line", () => {
    const lines = smallGrid().split("\n");
    lines[9] = "0.1 0.2";
    expectFormatError(
      () => parseLhagrid1(lines.join("\n"), "c.dat"),
      "c.dat",
      10,
      /expected 3 columns .* found 2/,
    );
  });

  it("non-numeric value names the line and column", () => {
    const lines = smallGrid().split("\n");
    lines[14] = "0.1 abc 1";
    expectFormatError(
      () => parseLhagrid1(lines.join("\n"), "n.dat"),
      "n.dat",
      15,
      /column 2 is not a finite number \("abc"\)/,
    );
    lines[14] = "0.1 NaN 1";
    expectFormatError(
      () => parseLhagrid1(lines.join("\n"), "n.dat"),
      "n.dat",
      15,
      /column 2 is not a finite number/,
    );
    lines[14] = "0.1 0x10 1";
    expectFormatError(
      () => parseLhagrid1(lines.join("\n"), "n.dat"),
      "n.dat",
      15,
      /column 2 is not a finite number/,
    );
  });

  it("bad knots and flavour ids name their line", () => {
    const lines = smallGrid().split("\n");
    const withLine = (i: number, text: string) => lines.map((l, j) => (j === i ? text : l)).join("\n");
    expectFormatError(
      () => parseLhagrid1(withLine(3, "1e-5 1e-3 1e-3 1"), "k.dat"),
      "k.dat",
      4,
      /strictly increasing/,
    );
    expectFormatError(
      () => parseLhagrid1(withLine(3, "1e-5 1e-3 0.1 2"), "k.dat"),
      "k.dat",
      4,
      /outside \(0, 1\]/,
    );
    expectFormatError(() => parseLhagrid1(withLine(4, "1 10 -100 1000"), "k.dat"), "k.dat", 5, /outside/);
    expectFormatError(
      () => parseLhagrid1(withLine(5, "1 2 23"), "k.dat"),
      "k.dat",
      6,
      /23 is not a parton PDG id/,
    );
    expectFormatError(
      () => parseLhagrid1(withLine(1, "Format: lhagrid2"), "k.dat"),
      "k.dat",
      2,
      /unsupported grid format/,
    );
  });
});

describe("malformed .info files", () => {
  it("missing required keys name the file and the key", () => {
    for (const key of ["Format", "NumMembers", "Flavors", "OrderQCD", "AlphaS_MZ", "MBottom"]) {
      const text = GOOD_INFO.split("\n")
        .filter((l) => !l.startsWith(`${key}:`))
        .join("\n");
      expectFormatError(
        () => parseInfo(text, "s.info"),
        "s.info",
        undefined,
        new RegExp(`missing metadata key ${key}`),
      );
    }
    const ipol =
      "Format: lhagrid1\nNumMembers: 1\nFlavors: [21]\nOrderQCD: 0\nAlphaS_Type: ipol\nAlphaS_Qs: [1, 2]\n";
    expectFormatError(
      () => parseInfo(ipol, "i.info"),
      "i.info",
      undefined,
      /missing metadata key AlphaS_Vals/,
    );
  });

  it("bad values name the line of their key; invalid YAML names its line", () => {
    const bad = GOOD_INFO.replace("NumMembers: 1", "NumMembers: many");
    expectFormatError(() => parseInfo(bad, "b.info"), "b.info", 2, /NumMembers must be an integer/);
    const flav = GOOD_INFO.replace("Flavors: [1, 2, 21]", "Flavors: [1, 2, 99]");
    expectFormatError(
      () => parseInfo(flav, "f.info"),
      "f.info",
      3,
      /Flavors must be a non-empty list of parton PDG ids/,
    );
    const yaml = `${GOOD_INFO}Broken: [1, 2\n`;
    expect(() => parseInfo(yaml, "y.info")).toThrow(FileFormatError);
    const dup = `${GOOD_INFO}OrderQCD: 1\n`;
    expect(() => parseInfo(dup, "d.info")).toThrow(/d\.info:\d+: invalid YAML/);
  });
});

describe("fuzzing (fast-check): garbage never escapes as an uncaught non-domain exception", () => {
  const ok = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof FileFormatError || e instanceof InputError)) throw e;
    }
  };

  it("random text and mutated valid grids only give FileFormatError", () => {
    // 300 + 300 runs (seeded) keep the file under a second; properties: no other exception type,
    // and when a grid parses, every value it holds is finite.
    const valid = smallGrid();
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => ok(() => parseLhagrid1(s, "fuzz.dat"))),
      { numRuns: 300, seed: 42 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length }),
        fc.integer({ min: 0, max: 20 }),
        fc.string({ maxLength: 12 }),
        (pos, del, ins) => {
          const text = valid.slice(0, pos) + ins + valid.slice(pos + del);
          ok(() => {
            const g = parseLhagrid1(text, "mut.dat");
            for (const sg of g.subgrids) {
              for (const v of sg.xf) if (!Number.isFinite(v)) throw new Error("non-finite grid value");
              for (const v of sg.dxf) if (!Number.isFinite(v)) throw new Error("non-finite derivative");
            }
          });
        },
      ),
      { numRuns: 300, seed: 43 },
    );
  });

  it("random YAML-ish text only gives FileFormatError from parseInfo", () => {
    const arb = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .dictionary(
          fc.constantFrom(
            "Format",
            "NumMembers",
            "Flavors",
            "OrderQCD",
            "AlphaS_MZ",
            "AlphaS_Type",
            "AlphaS_Qs",
            "AlphaS_Vals",
            "MCharm",
            "MBottom",
            "MTop",
            "Extrapolator",
          ),
          fc.jsonValue(),
        )
        .map((d) =>
          Object.entries(d)
            .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
            .join("\n"),
        ),
    );
    fc.assert(
      fc.property(arb, (s) => ok(() => parseInfo(s, "fuzz.info"))),
      { numRuns: 400, seed: 44 },
    );
  });
});

describe("set lookup", () => {
  const saved = process.env["LHAPDF_DATA_PATH"];
  afterEach(() => {
    if (saved === undefined) delete process.env["LHAPDF_DATA_PATH"];
    else process.env["LHAPDF_DATA_PATH"] = saved;
  });

  function makeSet(root: string, name: string, info = GOOD_INFO, grid = smallGrid()): string {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.info`), info);
    writeFileSync(join(dir, `${name}_0000.dat`), grid);
    return dir;
  }

  it("the default is the embedded set; a second load is served from memory (same object)", () => {
    const a = loadPdfSet();
    expect(a.name).toBe(DEFAULT_PDF_SET);
    expect(a.directory).toBe(join(EMBEDDED_PDF_DIR, DEFAULT_PDF_SET));
    const t0 = performance.now();
    const b = loadPdfSet(DEFAULT_PDF_SET, { member: 0 });
    expect(performance.now() - t0).toBeLessThan(5);
    expect(b).toBe(a);
  });

  it("searchPaths come before LHAPDF_DATA_PATH, which comes before the embedded directory", () => {
    const r1 = mkdtempSync(join(tmpdir(), "dnreach-pdfA-"));
    const r2 = mkdtempSync(join(tmpdir(), "dnreach-pdfB-"));
    makeSet(r1, "Toy", GOOD_INFO.replace("AlphaS_MZ: 0.118", "AlphaS_MZ: 0.111"));
    makeSet(r2, "Toy", GOOD_INFO.replace("AlphaS_MZ: 0.118", "AlphaS_MZ: 0.122"));
    process.env["LHAPDF_DATA_PATH"] = `/nonexistent:${r2}`;
    expect(loadPdfSet("Toy").alphaSMZ).toBe(0.122);
    expect(loadPdfSet("Toy", { searchPaths: [r1] }).alphaSMZ).toBe(0.111);
    // A copy of the embedded set under LHAPDF_DATA_PATH shadows the embedded one.
    const r3 = mkdtempSync(join(tmpdir(), "dnreach-pdfC-"));
    const d3 = join(r3, DEFAULT_PDF_SET);
    mkdirSync(d3);
    for (const f of [`${DEFAULT_PDF_SET}.info`, `${DEFAULT_PDF_SET}_0000.dat`])
      copyFileSync(join(EMBEDDED_PDF_DIR, DEFAULT_PDF_SET, f), join(d3, f));
    process.env["LHAPDF_DATA_PATH"] = r3;
    expect(loadPdfSet().directory).toBe(d3);
    // A direct path to a set directory.
    expect(loadPdfSet(join(r1, "Toy")).alphaSMZ).toBe(0.111);
  });

  it("a missing set lists every directory searched; a missing member names the file or NumMembers", () => {
    const r = mkdtempSync(join(tmpdir(), "dnreach-pdfD-"));
    process.env["LHAPDF_DATA_PATH"] = r;
    try {
      loadPdfSet("NoSuchSet", { searchPaths: ["/tmp/first"] });
      expect.fail("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const msg = (e as Error).message;
      expect(msg).toContain("NoSuchSet");
      expect(msg).toContain("/tmp/first");
      expect(msg).toContain(r);
      expect(msg).toContain(EMBEDDED_PDF_DIR.replace(/\/$/, ""));
      expect(msg.indexOf("/tmp/first")).toBeLessThan(msg.indexOf(r));
    }
    expect(() => loadPdfSet(DEFAULT_PDF_SET, { member: 3 })).toThrow(
      /member must be an integer in \[0, 0\] \(NumMembers in .*NNPDF23_lo_as_0130_qed\.info\)/,
    );
    makeSet(r, "Two", GOOD_INFO.replace("NumMembers: 1", "NumMembers: 2"));
    expect(() => loadPdfSet("Two", { member: 1 })).toThrow(/looked for .*Two_0001\.dat/);
    expect(() => loadPdfSet("Two", { member: -1 })).toThrow(InputError);
  });

  it("a malformed member file in a set reports its path and line", () => {
    const r = mkdtempSync(join(tmpdir(), "dnreach-pdfE-"));
    const bad = smallGrid().replace("0.1 0.2 1\n", "0.1 0.2\n");
    const dir = makeSet(r, "Bad", GOOD_INFO, bad);
    clearPdfCache();
    expectFormatError(
      () => loadPdfSet("Bad", { searchPaths: [r] }),
      join(dir, "Bad_0000.dat"),
      7,
      /expected 3 columns/,
    );
    // The real file parses: sanity that the embedded grid's text is untouched (size in SOURCE.md).
    expect(readFileSync(join(EMBEDDED_PDF_DIR, DEFAULT_PDF_SET, `${DEFAULT_PDF_SET}_0000.dat`)).length).toBe(
      1052028,
    );
  });
});
