/**
 * Reader for LHAPDF6 set metadata (`<set>.info`, YAML; A. Buckley et al., Eur. Phys. J. C 75
 * (2015) 132, arXiv:1412.7420, Sec. 3 and the LHAPDF6 metadata list). Only the keys dnreach uses are
 * interpreted; errors name the file and, for a bad value, the line of its key.
 *
 * Required: Format (= lhagrid1), NumMembers, Flavors, OrderQCD. α_s keys depend on AlphaS_Type:
 * "ode" needs AlphaS_MZ and MCharm/MBottom/MTop (MZ defaults to 91.1876 GeV, LHAPDF's default);
 * "ipol" needs AlphaS_Qs and AlphaS_Vals; "analytic" needs AlphaS_Lambda4 and/or AlphaS_Lambda5
 * (AlphaS_Lambda3 optional) and the quark masses. Without AlphaS_Type the type is "ipol" if a
 * table is given, else "ode".
 */
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { FileFormatError } from "../core/errors.js";
import { EXTRAPOLATIONS, type Extrapolation } from "./interpolate.js";

export interface PdfInfo {
  readonly file: string;
  readonly setDesc: string | undefined;
  readonly numMembers: number;
  readonly flavours: Int32Array;
  readonly orderQCD: number;
  readonly mZ: number;
  /** MCharm, MBottom, MTop (GeV), NaN when absent and not needed. */
  readonly quarkMasses: readonly [number, number, number];
  readonly nfMax: number;
  readonly alphaS:
    | { readonly type: "ode"; readonly alphaSMZ: number; readonly orderQCD: number }
    | {
        readonly type: "ipol";
        readonly qs: readonly number[];
        readonly vals: readonly number[];
        readonly alphaSMZ: number | undefined;
        readonly orderQCD: number;
      }
    | {
        readonly type: "analytic";
        readonly lambdas: ReadonlyMap<number, number>;
        readonly orderQCD: number;
        readonly alphaSMZ: number | undefined;
      };
  readonly extrapolation: Extrapolation;
  /** LHAPDF ForcePositive (default 0). */
  readonly forcePositive: 0 | 1 | 2;
  /** The whole document as plain data (for callers that want other keys). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Parses the text of a `.info` file; `file` is used in messages. */
export function parseInfo(text: string, file: string): PdfInfo {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new FileFormatError(file, line, `invalid YAML: ${err.message.split("\n")[0]}`);
  }
  if (!isMap(doc.contents)) throw new FileFormatError(file, 1, "expected a YAML mapping of metadata keys");
  const map = doc.contents;
  const lineOf = (key: string): number | undefined => {
    for (const item of map.items) {
      if (isScalar(item.key) && item.key.value === key && item.key.range)
        return lineCounter.linePos(item.key.range[0]).line;
    }
    return undefined;
  };
  let raw: Record<string, unknown>;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (e) {
    throw new FileFormatError(file, undefined, `invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const has = (key: string): boolean => raw[key] !== undefined && raw[key] !== null;
  const missing = (key: string, why: string): never => {
    throw new FileFormatError(file, undefined, `missing metadata key ${key} (${why})`);
  };
  const bad = (key: string, expected: string): never => {
    throw new FileFormatError(
      file,
      lineOf(key),
      `${key} must be ${expected} (got ${JSON.stringify(raw[key])})`,
    );
  };
  const num = (key: string, check: (v: number) => boolean, expected: string): number => {
    const v = raw[key];
    if (typeof v !== "number" || !Number.isFinite(v) || !check(v)) bad(key, expected);
    return v as number;
  };
  const numList = (key: string, check: (v: number) => boolean, expected: string): number[] => {
    const v = raw[key];
    if (
      !Array.isArray(v) ||
      v.length === 0 ||
      !v.every((e) => typeof e === "number" && Number.isFinite(e) && check(e))
    ) {
      bad(key, `a non-empty list of ${expected}`);
    }
    return v as number[];
  };

  if (!has("Format")) missing("Format", "the grid format, lhagrid1");
  if (raw["Format"] !== "lhagrid1") bad("Format", "lhagrid1 (the only grid format supported)");
  if (!has("NumMembers")) missing("NumMembers", "number of member files");
  const numMembers = num(
    "NumMembers",
    (v) => Number.isInteger(v) && v >= 1 && v <= 100000,
    "an integer in [1, 100000]",
  );
  if (!has("Flavors")) missing("Flavors", "PDG ids of the partons");
  const flavours = numList(
    "Flavors",
    (v) => Number.isInteger(v) && ((v >= -6 && v <= 6) || v === 21 || v === 22),
    "parton PDG ids (-6..6, 21, 22)",
  );
  if (!has("OrderQCD")) missing("OrderQCD", "perturbative order of the set, 0 = LO");
  const orderQCD = num("OrderQCD", (v) => Number.isInteger(v) && v >= 0 && v <= 3, "an integer in [0, 3]");
  const mZ = has("MZ") ? num("MZ", (v) => v > 0, "a positive mass in GeV") : 91.1876;
  const quarkMass = (key: string, need: boolean): number => {
    if (!has(key)) return need ? missing(key, "needed for the α_s flavour thresholds") : Number.NaN;
    return num(key, (v) => v >= 0, "a mass ≥ 0 GeV");
  };

  let type: string;
  if (has("AlphaS_Type")) {
    type = String(raw["AlphaS_Type"]);
    if (type !== "ode" && type !== "ipol" && type !== "analytic")
      bad("AlphaS_Type", "one of ode, ipol, analytic");
  } else {
    type = has("AlphaS_Qs") ? "ipol" : "ode";
  }
  const asOrder = has("AlphaS_OrderQCD")
    ? num("AlphaS_OrderQCD", (v) => Number.isInteger(v) && v >= 0 && v <= 3, "an integer in [0, 3]")
    : orderQCD;
  const needMasses = type !== "ipol";
  const quarkMasses: [number, number, number] = [
    quarkMass("MCharm", needMasses),
    quarkMass("MBottom", needMasses),
    quarkMass("MTop", needMasses),
  ];
  if (needMasses && !(quarkMasses[0] <= quarkMasses[1] && quarkMasses[1] <= quarkMasses[2])) {
    bad("MBottom", `between MCharm and MTop (${quarkMasses.join(", ")})`);
  }
  const maxQuark = Math.max(3, ...flavours.filter((f) => f >= -6 && f <= 6).map((f) => Math.abs(f)));
  const nfKey = has("AlphaS_NumFlavors") ? "AlphaS_NumFlavors" : has("NumFlavors") ? "NumFlavors" : undefined;
  const nfMax = nfKey
    ? num(nfKey, (v) => Number.isInteger(v) && v >= 3 && v <= 6, "an integer in [3, 6]")
    : maxQuark;
  const asMZ = has("AlphaS_MZ") ? num("AlphaS_MZ", (v) => v > 0 && v < 1, "a number in (0, 1)") : undefined;

  let alphaS: PdfInfo["alphaS"];
  if (type === "ode") {
    if (asMZ === undefined) missing("AlphaS_MZ", "α_s(M_Z), the starting value of the ode running");
    alphaS = { type: "ode", alphaSMZ: asMZ!, orderQCD: asOrder };
  } else if (type === "ipol") {
    if (!has("AlphaS_Qs")) missing("AlphaS_Qs", "the Q knots of the α_s table");
    if (!has("AlphaS_Vals")) missing("AlphaS_Vals", "the α_s values of the table");
    const qs = numList("AlphaS_Qs", (v) => v > 0 && v < 1e100, "Q values in GeV");
    const vals = numList("AlphaS_Vals", (v) => v > 0 && v < 100, "α_s values in (0, 100)");
    if (vals.length !== qs.length) bad("AlphaS_Vals", `as long as AlphaS_Qs (${qs.length} values)`);
    if (qs.length < 2) bad("AlphaS_Qs", "at least 2 values");
    for (let i = 1; i < qs.length; i++) {
      if (qs[i]! < qs[i - 1]!) bad("AlphaS_Qs", "non-decreasing");
      if (i >= 2 && qs[i] === qs[i - 1] && qs[i - 1] === qs[i - 2])
        bad("AlphaS_Qs", "without a value repeated 3 times");
    }
    if (qs[1] === qs[0] && qs.length < 3) bad("AlphaS_Qs", "at least 2 distinct values");
    alphaS = { type: "ipol", qs, vals, alphaSMZ: asMZ, orderQCD: asOrder };
  } else {
    const lambdas = new Map<number, number>();
    for (const nf of [3, 4, 5, 6]) {
      const key = `AlphaS_Lambda${nf}`;
      if (has(key))
        lambdas.set(
          nf,
          num(key, (v) => v > 0 && v < 10, "Λ_QCD in (0, 10) GeV"),
        );
    }
    if (!lambdas.has(4) && !lambdas.has(5)) missing("AlphaS_Lambda5", "Λ_QCD for AlphaS_Type analytic");
    alphaS = { type: "analytic", lambdas, orderQCD: asOrder, alphaSMZ: asMZ };
  }

  let extrapolation: Extrapolation = "continuation";
  if (has("Extrapolator")) {
    const e = String(raw["Extrapolator"]).toLowerCase();
    if (!(EXTRAPOLATIONS as readonly string[]).includes(e))
      bad("Extrapolator", `one of ${EXTRAPOLATIONS.join(", ")}`);
    extrapolation = e as Extrapolation;
  }
  if (has("Interpolator") && String(raw["Interpolator"]).toLowerCase() !== "logcubic") {
    bad("Interpolator", "logcubic (the only interpolator implemented)");
  }
  const forcePositive = has("ForcePositive")
    ? (num("ForcePositive", (v) => v === 0 || v === 1 || v === 2, "0, 1 or 2") as 0 | 1 | 2)
    : 0;
  const desc = raw["SetDesc"];
  return {
    file,
    setDesc: typeof desc === "string" ? desc : undefined,
    numMembers,
    flavours: Int32Array.from(flavours),
    orderQCD,
    mZ,
    quarkMasses,
    nfMax,
    alphaS,
    extrapolation,
    forcePositive,
    raw,
  };
}
