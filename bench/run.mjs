// The benchmarks of bench/, by name (`npm run bench`).
//
//   npm run bench                      # list them, with what each measures
//   npm run bench -- <name> [args …]   # build if needed, then run bench/<name>.mjs with the args
//
// `windows` runs with the settings measured best (docs/backgrounds.md, "Shower copies by expected
// selected weight") unless the environment sets them: `npm run bench -- windows 120 wgamma-mu-mu`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const names = readdirSync(here)
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs")
  .map((f) => f.slice(0, -4))
  .sort();

/** Environment defaults per benchmark (a variable already set wins). */
const PRESETS = {
  windows: {
    REGION: "1",
    FLOOR: "1",
    ALPHA: "1.0",
    WARMUP: "10x30000",
    PARTS: "core,shell,halo-reach,halo-rest,outside",
    SHARES: "0.62,0.25,0.09,0.02,0.02",
    OVERSAMPLE_BY: "proxy,weight,weight,weight,weight",
    OVERSAMPLE_ABOVE: "0.35,4,4,4,4",
    OVERSAMPLE_MAX: "32",
  },
};

/** The first paragraph of a benchmark's header comment (after an optional shebang). */
function summary(name) {
  const lines = readFileSync(join(here, `${name}.mjs`), "utf8").split("\n");
  const out = [];
  for (const line of lines) {
    if (line.startsWith("#!")) continue;
    if (!line.startsWith("//")) break;
    const text = line.replace(/^\/\/ ?/, "");
    if (text.trim() === "") {
      if (out.length > 0) break;
      continue;
    }
    out.push(text);
  }
  return out.join(" ");
}

const [name, ...args] = process.argv.slice(2);
if (name === undefined) {
  console.log("Benchmarks (npm run bench -- <name> [args …]; each file's header says its arguments):\n");
  for (const n of names) console.log(`${n.padEnd(11)} ${summary(n)}\n`);
  process.exit(0);
}
if (!names.includes(name)) {
  console.error(`bench: unknown benchmark "${name}"; one of: ${names.join(", ")}`);
  process.exit(2);
}
if (!existsSync(join(root, "dist", "index.js"))) {
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const env = { ...PRESETS[name], ...process.env };
const run = spawnSync(process.execPath, [join(here, `${name}.mjs`), ...args], {
  cwd: root,
  stdio: "inherit",
  env,
});
process.exit(run.status ?? 1);
