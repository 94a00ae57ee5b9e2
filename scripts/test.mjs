#!/usr/bin/env node
// Runs the test suite (vitest) and ends with the line `N passed, N failed` derived from vitest's
// JSON report, so CI and people read the same count. Extra arguments go to vitest.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "dnreach-test-"));
const report = join(dir, "vitest.json");
const vitest = join(import.meta.dirname, "..", "node_modules", "vitest", "vitest.mjs");
// The tests' temporary directories (os.tmpdir() follows TMPDIR) go under `dir` and leave with it
// (event files, caches and figures: left in /tmp they filled the disk).
const run = spawnSync(
  process.execPath,
  [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TMPDIR: dir } },
);

let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + countSuitesThatFailedToLoad(json);
} catch {
  failed = Math.max(failed, 1); // no report: the runner itself failed
}
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0 && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);

// A test file that failed to load has no failed tests of its own; count it once as a failure.
function countSuitesThatFailedToLoad(json) {
  return (json.testResults ?? []).filter(
    (suite) => suite.status === "failed" && !(suite.assertionResults ?? []).some((t) => t.status === "failed"),
  ).length;
}
