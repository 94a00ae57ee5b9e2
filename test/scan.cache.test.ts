import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentCache, cacheKey, canonicalJson } from "../src/scan/cache.js";

describe("content-addressed cache", () => {
  it("keys do not depend on object key order but do on every value", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, 4] } })).toBe('{"a":{"c":[3,4],"d":2},"b":1}');
    expect(cacheKey({ a: 1, b: 2 })).toBe(cacheKey({ b: 2, a: 1 }));
    expect(cacheKey({ a: 1, b: 2 })).not.toBe(cacheKey({ a: 1, b: 3 }));
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
