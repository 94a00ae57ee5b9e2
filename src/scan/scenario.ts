/**
 * Scenarios (collider energy, luminosity, cross-section rescaling) as validated YAML. The paper's
 * two are built in (`data/scenarios/run2.yaml`, `hllhc.yaml`); users may pass a path to their own.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { z } from "zod";
import { packageDataPath } from "../core/dataPath.js";
import { FileFormatError, InputError } from "../core/errors.js";

const ratio = z.object({
  value: z.number().positive().max(10),
  source: z.string().min(1),
});

export const ScenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_-]+$/, "lower-case letters, digits, - and _"),
    label: z.string().min(1),
    sqrtSGeV: z.number().min(1000).max(100000),
    lumiInvFb: z.number().positive().max(1e5),
    generationSqrtSGeV: z.number().min(1000).max(100000),
    crossSectionRatio: z.object({ W: ratio, Z: ratio, top: ratio }).strict(),
  })
  .strict();

export type Scenario = z.infer<typeof ScenarioSchema>;

export const BUILTIN_SCENARIOS = ["run2", "hllhc"] as const;

/** Validates a parsed scenario object; errors name the field path. */
export function parseScenario(value: unknown, source = "scenario"): Scenario {
  const result = ScenarioSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.join(".") || "(root)";
    throw new InputError(`${source}: ${path}`, issue.message, "the value in the file");
  }
  return result.data;
}

/** Loads a built-in scenario by name or a YAML file by path. */
export function loadScenario(nameOrPath: string): Scenario {
  const path = (BUILTIN_SCENARIOS as readonly string[]).includes(nameOrPath)
    ? packageDataPath("scenarios", `${nameOrPath}.yaml`)
    : nameOrPath;
  if (!existsSync(path)) {
    throw new InputError(
      "scenario",
      `one of ${BUILTIN_SCENARIOS.join(", ")} or an existing YAML file`,
      nameOrPath,
    );
  }
  const doc = parseDocument(readFileSync(path, "utf8"));
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new FileFormatError(path, e.linePos?.[0]?.line, `valid YAML (${e.message.split("\n")[0]})`);
  }
  return parseScenario(doc.toJS(), path);
}
