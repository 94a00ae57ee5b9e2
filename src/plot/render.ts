/**
 * Vega-Lite specification → SVG (vega's headless renderer) → PNG (resvg). Plot modules build
 * specs from numbers; this module only renders and writes them.
 */
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "../io/atomic.js";

/** Shared look: readable fonts, white background, modest size. */
export const BASE_CONFIG = {
  background: "white",
  font: "DejaVu Sans",
  axis: { labelFontSize: 12, titleFontSize: 13, grid: true, gridOpacity: 0.4 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14 },
} as const;

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const compiled = vegaLite.compile({ config: BASE_CONFIG, ...spec } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}

export interface WrittenFigure {
  svg: string;
  png: string;
  data: string;
}

/**
 * Writes `<name>.svg`, `<name>.png` and `<name>.json` (the numbers behind the figure) into `dir`,
 * each atomically.
 */
export async function writeFigure(
  dir: string,
  name: string,
  spec: TopLevelSpec,
  data: unknown,
): Promise<WrittenFigure> {
  const svg = await renderSvg(spec);
  const png = await svgToPng(svg);
  const out = {
    svg: join(dir, `${name}.svg`),
    png: join(dir, `${name}.png`),
    data: join(dir, `${name}.json`),
  };
  await writeFileAtomic(out.svg, svg);
  await writeFileAtomic(out.png, png);
  await writeFileAtomic(out.data, `${JSON.stringify(data, null, 2)}\n`);
  return out;
}
