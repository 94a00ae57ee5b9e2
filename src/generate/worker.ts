/**
 * Worker thread of the generator pool (generate.ts): rebuilds the process from its serialisable
 * spec, installs the frozen VEGAS grid and channel weights of the warm-up, then runs the chunks it
 * is sent with exactly the in-process code (`runChunk`).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { EventBatch } from "../core/events.js";
import { type ChunkResult, type ChunkSpec, runChunk } from "./engine.js";
import { buildProcess, type ProcessSpec } from "./processes.js";

export interface WorkerInit {
  spec: ProcessSpec;
  gridEdges: number[];
  alphas: number[];
}

export type WorkerReply = { kind: "result"; result: ChunkResult } | { kind: "error"; message: string };

function transferList(b: EventBatch): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const v of Object.values(b)) {
    if (ArrayBuffer.isView(v)) set.add(v.buffer as ArrayBuffer);
  }
  return [...set];
}

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  try {
    const { process } = buildProcess(init.spec);
    process.grid.edges.set(init.gridEdges);
    if (process.multichannel) process.multichannel.alphas.set(init.alphas);
    port.on("message", (c: ChunkSpec) => {
      try {
        const result = runChunk(process, c);
        const reply: WorkerReply = { kind: "result", result };
        port.postMessage(reply, transferList(result.batch));
      } catch (err) {
        port.postMessage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
      }
    });
  } catch (err) {
    port.postMessage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
}
