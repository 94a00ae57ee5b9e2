/**
 * Product worker: fills the scan's cache with one task at a time (a background run, or a signal
 * point with its αε² variants), running exactly the code the main thread would (products.ts). The
 * main thread then reads every product from the cache.
 */
import { parentPort } from "node:worker_threads";
import { type DetectorCard, loadCard } from "../detector/card.js";
import { ContentCache } from "./cache.js";
import { BAND_CARDS, type BandCard } from "./limits.js";
import type { BackgroundStream } from "./processes.js";
import { backgroundProducts, type SignalFig34, signalProducts } from "./products.js";
import type { SampleRequest } from "./samples.js";

export type ProductTask =
  | { kind: "background"; run: BackgroundStream }
  | { kind: "signal"; request: SampleRequest; flightScales: number[]; fig34: SignalFig34 | null };

export interface ProductMessage {
  task: ProductTask;
  cacheDir: string;
  version: string;
  seed: number;
}

export type ProductReply = { kind: "done" } | { kind: "error"; message: string };

/** Runs one task against the cache (also used in-process when no worker is wanted). */
export async function runProductTask(
  m: ProductMessage,
  cards: Record<BandCard, DetectorCard>,
): Promise<void> {
  const cache = new ContentCache(m.cacheDir);
  if (m.task.kind === "background") {
    await backgroundProducts(m.task.run, cards, cache, m.version);
    return;
  }
  const t = m.task;
  await signalProducts(t.request, t.flightScales, t.fig34, cards, cache, m.version, m.seed);
}

if (parentPort) {
  const port = parentPort;
  const cards = Object.fromEntries(BAND_CARDS.map((c) => [c, loadCard(c)])) as Record<BandCard, DetectorCard>;
  port.on("message", (m: ProductMessage) => {
    runProductTask(m, cards).then(
      () => port.postMessage({ kind: "done" } satisfies ProductReply),
      (err: unknown) =>
        port.postMessage({
          kind: "error",
          message: err instanceof Error ? (err.stack ?? err.message) : String(err),
        } satisfies ProductReply),
    );
  });
}
