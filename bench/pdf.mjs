// PDF benchmark: load time of the embedded set (first and cached), x·f evaluations per second on one
// core for all partons at one (x, Q) point (xfxQAll) and for one parton at random points (xfxQ),
// α_s calls per second, and peak RSS. Run after `npm run build`:  node bench/pdf.mjs
import { performance } from "node:perf_hooks";

const t0 = performance.now();
const { loadPdfSet, clearPdfCache } = await import("../dist/pdf/index.js");
const tImport = performance.now() - t0;

let t = performance.now();
const pdf = loadPdfSet();
const tFirst = performance.now() - t;
t = performance.now();
loadPdfSet();
const tCached = performance.now() - t;
// Repeat cold loads (cache cleared) for a stable figure.
const cold = [];
for (let i = 0; i < 5; i++) {
  clearPdfCache();
  const s = performance.now();
  loadPdfSet();
  cold.push(performance.now() - s);
}
const coldMedian = cold.sort((a, b) => a - b)[2];

// Random points: log-uniform x in [1e-6, 1), Q in [5, 5000] GeV (the generator's range), pre-drawn so
// the loop measures the PDF only. A simple LCG keeps the benchmark free of Math.random.
const N = 1 << 16;
const xs = new Float64Array(N);
const qs = new Float64Array(N);
let seed = 12345;
const lcg = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
for (let i = 0; i < N; i++) {
  xs[i] = Math.exp(Math.log(1e-6) * lcg());
  qs[i] = 5 * 1000 ** lcg();
}
const out = new Float64Array(14);

function rate(label, calls, fn) {
  fn(Math.min(calls, 200000)); // warm-up (JIT)
  const s = performance.now();
  const sink = fn(calls);
  const dt = (performance.now() - s) / 1000;
  console.log(
    `${label.padEnd(52)} ${(calls / dt / 1e6).toFixed(2)} M/s  (${((dt * 1e9) / calls).toFixed(0)} ns/call, sink ${sink.toExponential(2)})`,
  );
}

rate("xfxQAll, all 14 slots, random (x, Q)", 4_000_000, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const j = i & (N - 1);
    pdf.xfxQAll(xs[j], qs[j], out);
    s += out[6];
  }
  return s;
});
rate("xfxQAll, all 14 slots, fixed (x, Q) = (0.01, 100)", 4_000_000, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) {
    pdf.xfxQAll(0.01, 100, out);
    s += out[8];
  }
  return s;
});
rate("xfxQAll, extrapolated below QMin (Q = 0.7 GeV)", 1_000_000, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) {
    pdf.xfxQAll(xs[i & (N - 1)], 0.7, out);
    s += out[6];
  }
  return s;
});
rate("xfxQ, one parton (u), random (x, Q)", 8_000_000, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const j = i & (N - 1);
    s += pdf.xfxQ(2, xs[j], qs[j]);
  }
  return s;
});
rate("alphaS, random Q", 8_000_000, (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += pdf.alphaS(qs[i & (N - 1)]);
  return s;
});

console.log(`import of dist/pdf/index.js                         ${tImport.toFixed(1)} ms`);
console.log(
  `first load of ${pdf.name}       ${tFirst.toFixed(1)} ms (cold median of 5 after cache clear: ${coldMedian.toFixed(1)} ms)`,
);
console.log(`cached load                                          ${(tCached * 1000).toFixed(1)} µs`);
console.log(
  `peak RSS                                             ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
