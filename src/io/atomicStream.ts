/**
 * Streaming atomic writes: bytes go to a temporary file beside the target (optionally through a
 * gzip stream), and only `commit()` renames it over the target. If the writer is aborted or the
 * process dies, the previous file (or none) is still in place — the same guarantee as
 * `writeFileAtomic` (atomic.ts) for outputs too large to hold in memory.
 */

import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createGzip, type Gzip } from "node:zlib";

export interface AtomicWriteStream {
  /** Target path (renamed into place by `commit`). */
  readonly path: string;
  /** Appends text (UTF-8) or bytes; resolves once the stream accepts more data (backpressure). */
  write(data: string | Uint8Array): Promise<void>;
  /** Finishes the stream and renames the temporary file over the target. */
  commit(): Promise<void>;
  /** Discards the temporary file; the target is left untouched. Safe to call twice. */
  abort(): Promise<void>;
}

export interface AtomicWriteStreamOptions {
  /** Compress with gzip (node:zlib) on the way to disk. */
  gzip?: boolean;
}

export async function openAtomicWriteStream(
  path: string,
  options: AtomicWriteStreamOptions = {},
): Promise<AtomicWriteStream> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const file: WriteStream = createWriteStream(tmp);
  await once(file, "open");
  const gzip: Gzip | undefined = options.gzip ? createGzip() : undefined;
  if (gzip) gzip.pipe(file);
  const head: NodeJS.WritableStream = gzip ?? file;
  let failure: Error | undefined;
  const onError = (err: Error) => {
    failure ??= err;
  };
  file.on("error", onError);
  gzip?.on("error", onError);
  let state: "open" | "committed" | "aborted" = "open";

  const check = () => {
    if (failure) throw failure;
    if (state !== "open") throw new Error(`atomic write stream for ${path} is already ${state}`);
  };

  const stream: AtomicWriteStream = {
    path,
    async write(data) {
      check();
      if (!head.write(data)) {
        // Wait for 'drain' (backpressure) or an error, removing whichever listener did not fire.
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            file.off("error", onErr);
            resolve();
          };
          const onErr = (err: Error) => {
            head.removeListener("drain", onDrain);
            reject(err);
          };
          head.once("drain", onDrain);
          file.once("error", onErr);
        });
      }
      check();
    },
    async commit() {
      check();
      const finished = once(file, "close");
      head.end();
      await finished;
      if (failure) {
        await stream.abort();
        throw failure;
      }
      state = "committed";
      try {
        await rename(tmp, path);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async abort() {
      if (state === "aborted" || state === "committed") return;
      state = "aborted";
      gzip?.destroy();
      file.destroy();
      await rm(tmp, { force: true });
    },
  };
  return stream;
}
