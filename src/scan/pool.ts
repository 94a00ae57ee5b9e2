/**
 * A small pool of product workers (productWorker.ts): tasks are handed out one at a time to idle
 * workers, so the cores stay busy with whole samples (generation, shower, detector, analysis).
 * Products land in the content-addressed cache; results never depend on which worker ran a task.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ProductMessage, ProductReply, ProductTask } from "./productWorker.js";

/** The worker script in dist/ (from the TypeScript sources under vitest, the built copy). */
export function productWorkerUrl(): URL {
  const here = import.meta.url;
  const url = here.endsWith(".ts")
    ? new URL("../../dist/scan/productWorker.js", here)
    : new URL("./productWorker.js", here);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`worker script ${fileURLToPath(url)} not found: run \`npm run build\``);
  }
  return url;
}

/**
 * Runs every task on `nWorkers` workers (≥ 1), calling `onDone(task)` as each finishes; rejects on
 * the first failure after stopping the pool.
 */
export async function runProductTasks(
  tasks: readonly ProductTask[],
  base: Omit<ProductMessage, "task">,
  nWorkers: number,
  onDone: (task: ProductTask, index: number) => void,
): Promise<void> {
  if (tasks.length === 0) return;
  const url = productWorkerUrl();
  const n = Math.max(1, Math.min(nWorkers, tasks.length));
  const workers = Array.from({ length: n }, () => new Worker(url));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.on("error", reject);
            const give = () => {
              if (next >= tasks.length) return resolve();
              const index = next++;
              const task = tasks[index]!;
              w.once("message", (reply: ProductReply) => {
                if (reply.kind === "error") {
                  const label = task.kind === "background" ? task.run.label : task.request.label;
                  return reject(new Error(`${label}: ${reply.message}`));
                }
                onDone(task, index);
                give();
              });
              w.postMessage({ ...base, task } satisfies ProductMessage);
            };
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
