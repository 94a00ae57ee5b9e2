/**
 * Content-addressed cache of expensive products (event samples, histograms). The key is the SHA-256
 * of the canonical JSON of everything that determines the product (process, parameters, seed,
 * statistics, code version), so a rerun — or a changed plot — reuses what it can, and a changed
 * setting can never return a stale product.
 *
 * Entries are directories written atomically: produced into `<root>/.tmp-<key>-<pid>` and renamed to
 * `<root>/<key>` only when complete, so an interrupted run never leaves a half-written entry.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join, relative } from "node:path";

/** JSON with object keys sorted recursively, so equal settings give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Float64Array || value instanceof Float32Array) return Array.from(value);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/**
 * The code a cache entry was made with: the package version and a SHA-256 (16 hex digits) of every
 * file below the given folders of the package root (the built code and the data files), so that
 * any change of code or data between two runs — even without a version bump — gives new keys.
 */
export function codeVersion(packageRoot: string, version: string, folders: readonly string[]): string {
  const hash = createHash("sha256");
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) files.push(path);
    }
  };
  for (const f of folders) {
    const dir = join(packageRoot, f);
    if (existsSync(dir)) walk(dir);
  }
  for (const path of files.map((p) => relative(packageRoot, p)).sort()) {
    hash.update(path);
    hash.update("\0");
    hash.update(readFileSync(join(packageRoot, path)));
    hash.update("\0");
  }
  return `${version}+${hash.digest("hex").slice(0, 16)}`;
}

/** Cache key of a settings object: hex SHA-256 of its canonical JSON. */
export function cacheKey(settings: unknown): string {
  return createHash("sha256").update(canonicalJson(settings)).digest("hex");
}

export class ContentCache {
  readonly root: string;
  hits = 0;
  misses = 0;

  constructor(root: string) {
    this.root = root;
  }

  /** Directory of the entry for `key` (it may not exist yet). */
  entryDir(key: string): string {
    return join(this.root, key.slice(0, 2), key);
  }

  has(key: string): boolean {
    return existsSync(this.entryDir(key));
  }

  /**
   * Returns the entry directory for `settings`, producing it with `produce(tmpDir)` if absent.
   * `produce` writes its files into the temporary directory it is given.
   */
  async getOrCreate(settings: unknown, produce: (dir: string) => Promise<void>): Promise<string> {
    const key = cacheKey(settings);
    const dir = this.entryDir(key);
    if (existsSync(dir)) {
      this.hits++;
      return dir;
    }
    this.misses++;
    const tmp = join(this.root, `.tmp-${key}-${process.pid}-${Date.now()}`);
    await mkdir(tmp, { recursive: true });
    try {
      await produce(tmp);
      await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
      if (existsSync(dir)) {
        await rm(tmp, { recursive: true, force: true }); // another process finished first
      } else {
        await rename(tmp, dir);
      }
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
    return dir;
  }
}
