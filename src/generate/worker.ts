/**
 * Worker thread of the generator pool (generate.ts): rebuilds the process from its serialisable
 * spec (while the main thread warms up), installs the frozen VEGAS grid and channel weights it is
 * sent, then runs the chunks it is sent with exactly the in-process code (`runChunk`).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { EventBatch } from "../core/events.js";
import { type ChunkResult, type ChunkSpec, runChunk } from "./engine.js";
import { buildProcess, type ProcessSpec } from "./processes.js";

export interface WorkerInit {
  spec: ProcessSpec;
}

/** First the frozen grid, then chunks. */
export type WorkerMessage =
  | { kind: "grid"; gridEdges: number[]; alphas: number[] }
  | { kind: "chunk"; chunk: ChunkSpec };

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
    port.on("message", (m: WorkerMessage) => {
      try {
        if (m.kind === "grid") {
          process.grid.edges.set(m.gridEdges);
          if (process.multichannel) process.multichannel.alphas.set(m.alphas);
          return;
        }
        const result = runChunk(process, m.chunk);
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
