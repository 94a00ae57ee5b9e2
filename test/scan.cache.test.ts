import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentCache, cacheKey, canonicalJson, codeVersion } from "../src/scan/cache.js";

describe("content-addressed cache", () => {
  it("keys do not depend on object key order but do on every value", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, 4] } })).toBe('{"a":{"c":[3,4],"d":2},"b":1}');
    expect(cacheKey({ a: 1, b: 2 })).toBe(cacheKey({ b: 2, a: 1 }));
    expect(cacheKey({ a: 1, b: 2 })).not.toBe(cacheKey({ a: 1, b: 3 }));
  });

  it("the code version changes with any built or data file, and only with them", () => {
    // A rerun after a code change must not be served the old products (same package version).
    const root = mkdtempSync(join(tmpdir(), "dnreach-code-"));
    mkdirSync(join(root, "dist", "scan"), { recursive: true });
    mkdirSync(join(root, "data"));
    writeFileSync(join(root, "dist", "scan", "a.js"), "export const a = 1;");
    writeFileSync(join(root, "data", "card.yaml"), "x: 1");
    const v1 = codeVersion(root, "0.1.0", ["dist", "data"]);
    expect(v1).toMatch(/^0\.1\.0\+[0-9a-f]{16}$/);
    expect(codeVersion(root, "0.1.0", ["dist", "data"])).toBe(v1);
    writeFileSync(join(root, "README.md"), "not code"); // outside the folders: no change
    expect(codeVersion(root, "0.1.0", ["dist", "data"])).toBe(v1);
    writeFileSync(join(root, "dist", "scan", "a.js"), "export const a = 2;");
    const v2 = codeVersion(root, "0.1.0", ["dist", "data"]);
    expect(v2).not.toBe(v1);
    writeFileSync(join(root, "data", "card.yaml"), "x: 2");
    expect(codeVersion(root, "0.1.0", ["dist", "data"])).not.toBe(v2);
  });

  it("produces once, then serves the entry from disk", async () => {
    const cache = new ContentCache(mkdtempSync(join(tmpdir(), "dnreach-cache-")));
    let calls = 0;
    const produce = async (dir: string) => {
      calls++;
      writeFileSync(join(dir, "x.txt"), "hello");
    };
    const d1 = await cache.getOrCreate({ process: "w", seed: 1 }, produce);
    const d2 = await cache.getOrCreate({ seed: 1, process: "w" }, produce);
    expect(d1).toBe(d2);
    expect(calls).toBe(1);
    expect(readFileSync(join(d1, "x.txt"), "utf8")).toBe("hello");
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it("an interrupted producer leaves no entry and no temporary directory", async () => {
    const root = mkdtempSync(join(tmpdir(), "dnreach-cache-"));
    const cache = new ContentCache(root);
    await expect(
      cache.getOrCreate({ k: 1 }, async (dir) => {
        writeFileSync(join(dir, "partial"), "x");
        throw new Error("interrupted");
      }),
    ).rejects.toThrow("interrupted");
    expect(cache.has(cacheKey({ k: 1 }))).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith(".tmp"))).toEqual([]);
    expect(existsSync(cache.entryDir(cacheKey({ k: 1 })))).toBe(false);
  });
});
