/**
 * Export of a `CountingModel` as a HistFactory JSON workspace in the format read by pyhf
 * (schema version 1.0.0: https://scikit-hep.org/pyhf/schemas/1.0.0/workspace.json; L. Heinrich,
 * M. Feickert, G. Stark, K. Cranmer, JOSS 6 (2021) 2823), plus a zod schema with the structural
 * requirements of that JSON schema (written from its definitions: required keys, no additional
 * properties, non-empty arrays, the modifier kinds and their `data` shapes).
 *
 * Mapping: the signal sample carries `{ name: "mu", type: "normfactor", data: null }`; `normsys`
 * → `{ data: { hi, lo } }` (pyhf default interpolation code 1, as in `model.ts`); `histosys` →
 * `{ data: { hi_data, lo_data } }` (code 0); MC errors → one `staterror` per channel (pyhf's
 * Barlow–Beeston-lite, not used by our own fits); `observations` are the background-only Asimov
 * data (sum of the non-signal samples); `measurements` = [{ name, config: { poi: "mu", parameters } }].
 */
import { z } from "zod";
import { InputError } from "../core/errors.js";
import { type CountingModel, compileModel } from "./model.js";

const numbers = z.array(z.number()).min(1);

const histosysSchema = z.strictObject({
  name: z.string(),
  type: z.literal("histosys"),
  data: z.object({ lo_data: numbers, hi_data: numbers }),
});
const lumiSchema = z.strictObject({ name: z.literal("lumi"), type: z.literal("lumi"), data: z.null() });
const normfactorSchema = z.strictObject({ name: z.string(), type: z.literal("normfactor"), data: z.null() });
const normsysSchema = z.strictObject({
  name: z.string(),
  type: z.literal("normsys"),
  data: z.object({ lo: z.number(), hi: z.number() }),
});
const shapefactorSchema = z.strictObject({
  name: z.string(),
  type: z.literal("shapefactor"),
  data: z.null(),
});
const shapesysSchema = z.strictObject({ name: z.string(), type: z.literal("shapesys"), data: numbers });
const staterrorSchema = z.strictObject({ name: z.string(), type: z.literal("staterror"), data: numbers });

const modifierSchema = z.union([
  histosysSchema,
  lumiSchema,
  normfactorSchema,
  normsysSchema,
  shapefactorSchema,
  shapesysSchema,
  staterrorSchema,
]);

const parameterSchema = z.strictObject({
  name: z.string(),
  inits: numbers.optional(),
  bounds: z.array(z.array(z.number()).length(2)).min(1).optional(),
  auxdata: numbers.optional(),
  factors: numbers.optional(),
  sigmas: numbers.optional(),
  fixed: z.boolean().optional(),
});

/** Structural schema of a pyhf 1.0.0 workspace. */
export const pyhfWorkspaceSchema = z.strictObject({
  channels: z
    .array(
      z.strictObject({
        name: z.string(),
        samples: z
          .array(z.strictObject({ name: z.string(), data: numbers, modifiers: z.array(modifierSchema) }))
          .min(1),
      }),
    )
    .min(1),
  measurements: z
    .array(
      z.strictObject({
        name: z.string(),
        config: z.strictObject({ poi: z.string(), parameters: z.array(parameterSchema) }),
      }),
    )
    .min(1),
  observations: z.array(z.strictObject({ name: z.string(), data: numbers })).min(1),
  version: z.literal("1.0.0"),
});

export type PyhfWorkspace = z.infer<typeof pyhfWorkspaceSchema>;
type PyhfModifier = z.infer<typeof modifierSchema>;

/**
 * Consistency checks beyond the JSON schema that pyhf enforces when it builds the model: every
 * observation names a channel and has that channel's bin count, sample and modifier arrays have
 * the channel's bin count, the POI is a normfactor. Returns the list of problems (empty when fine).
 */
export function workspaceProblems(ws: PyhfWorkspace): string[] {
  const problems: string[] = [];
  const bins = new Map<string, number>();
  const normfactors = new Set<string>();
  ws.channels.forEach((ch, c) => {
    const nb = ch.samples[0]!.data.length;
    bins.set(ch.name, nb);
    ch.samples.forEach((s, k) => {
      if (s.data.length !== nb)
        problems.push(`channels[${c}].samples[${k}].data: ${s.data.length} bins, expected ${nb}`);
      s.modifiers.forEach((m, j) => {
        const at = `channels[${c}].samples[${k}].modifiers[${j}]`;
        if (m.type === "normfactor") normfactors.add(m.name);
        if (m.type === "histosys" && (m.data.hi_data.length !== nb || m.data.lo_data.length !== nb)) {
          problems.push(`${at}.data: histosys arrays must have ${nb} bins`);
        }
        if ((m.type === "staterror" || m.type === "shapesys") && m.data.length !== nb) {
          problems.push(`${at}.data: ${m.data.length} bins, expected ${nb}`);
        }
      });
    });
  });
  ws.observations.forEach((o, i) => {
    const nb = bins.get(o.name);
    if (nb === undefined)
      problems.push(`observations[${i}].name: no channel named ${JSON.stringify(o.name)}`);
    else if (o.data.length !== nb)
      problems.push(`observations[${i}].data: ${o.data.length} bins, expected ${nb}`);
  });
  for (const ch of ws.channels) {
    if (!ws.observations.some((o) => o.name === ch.name))
      problems.push(`observations: none for channel ${ch.name}`);
  }
  ws.measurements.forEach((m, i) => {
    if (!normfactors.has(m.config.poi))
      problems.push(`measurements[${i}].config.poi: ${m.config.poi} is not a normfactor`);
  });
  return problems;
}

export interface WorkspaceOptions {
  measurementName?: string;
  /** Export per-channel MC errors as staterror modifiers (default true when present). */
  staterror?: boolean;
  /** Bounds of μ for pyhf fits (pyhf's default is [0, 10]); omitted when undefined. */
  muBounds?: readonly [number, number];
}

/** The HistFactory/pyhf workspace of a counting model; observations = background-only Asimov data. */
export function toHistFactoryWorkspace(model: CountingModel, options: WorkspaceOptions = {}): PyhfWorkspace {
  compileModel(model); // validates names, bin counts and modifier values
  const useStat = options.staterror ?? true;
  const channels = model.channels.map((ch) => ({
    name: ch.name,
    samples: ch.samples.map((s) => {
      const modifiers: PyhfModifier[] = [];
      if (s.signal) modifiers.push({ name: "mu", type: "normfactor", data: null });
      for (const m of s.modifiers ?? []) {
        if (m.kind === "normsys")
          modifiers.push({ name: m.name, type: "normsys", data: { hi: m.hi, lo: m.lo } });
        else
          modifiers.push({
            name: m.name,
            type: "histosys",
            data: { hi_data: [...m.hi], lo_data: [...m.lo] },
          });
      }
      if (useStat && s.mcError !== undefined) {
        modifiers.push({ name: `staterror_${ch.name}`, type: "staterror", data: [...s.mcError] });
      }
      return { name: s.name, data: [...s.data], modifiers };
    }),
  }));
  const observations = model.channels.map((ch) => {
    const nb = ch.samples[0]!.data.length;
    const data = new Array<number>(nb).fill(0);
    for (const s of ch.samples) if (!s.signal) for (let i = 0; i < nb; i++) data[i] = data[i]! + s.data[i]!;
    return { name: ch.name, data };
  });
  const parameters: PyhfWorkspace["measurements"][number]["config"]["parameters"] = [];
  if (options.muBounds !== undefined) {
    const [lo, hi] = options.muBounds;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
      throw new InputError("muBounds", "[lo, hi] with finite lo < hi", `[${lo}, ${hi}]`);
    }
    parameters.push({ name: "mu", bounds: [[lo, hi]] });
  }
  const ws: PyhfWorkspace = {
    channels,
    measurements: [{ name: options.measurementName ?? "dnreach", config: { poi: "mu", parameters } }],
    observations,
    version: "1.0.0",
  };
  return ws;
}
