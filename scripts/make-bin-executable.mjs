#!/usr/bin/env node
// The `dnreach` bin (dist/cli/main.js) is written by tsc after npm has linked the package's bins,
// so npm never gets to mark it executable: do it here, as the last step of the build.
import { chmodSync } from "node:fs";

chmodSync(new URL("../dist/cli/main.js", import.meta.url), 0o755);
