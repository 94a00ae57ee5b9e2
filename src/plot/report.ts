/**
 * A single self-contained HTML report: figures inlined as SVG, tables of key numbers, notes and
 * the run manifest. No external assets, so the file can be mailed or archived as it is.
 */

export interface ReportTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface ReportFigure {
  /** SVG markup (inlined). */
  svg: string;
  caption: string;
}

export interface ReportSection {
  heading: string;
  /** Plain-text paragraphs (escaped). */
  paragraphs?: string[];
  figures?: ReportFigure[];
  tables?: ReportTable[];
}

export interface Report {
  title: string;
  subtitle?: string;
  sections: ReportSection[];
  manifest: unknown;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Formats a number for a table: 4 significant digits, exponent notation when far from 1. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? "∞" : v < 0 ? "−∞" : "—";
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(3);
}

function table(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td>${escapeHtml(typeof c === "number" ? formatNumber(c) : c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderReport(r: Report): string {
  const sections = r.sections
    .map((s, i) => {
      const id = `s${i + 1}`;
      const paras = (s.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
      const figs = (s.figures ?? [])
        .map((f) => `<figure>${f.svg}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`)
        .join("\n");
      const tabs = (s.tables ?? []).map(table).join("\n");
      return `<section id="${id}"><h2>${escapeHtml(s.heading)}</h2>\n${paras}\n${tabs}\n${figs}</section>`;
    })
    .join("\n");
  const toc = r.sections.map((s, i) => `<li><a href="#s${i + 1}">${escapeHtml(s.heading)}</a></li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}
figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.92em;color:#444}
pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:.85em}
</style></head><body>
<h1>${escapeHtml(r.title)}</h1>${r.subtitle ? `<p>${escapeHtml(r.subtitle)}</p>` : ""}
<nav><ol>${toc}<li><a href="#manifest">Manifest</a></li></ol></nav>
${sections}
<section id="manifest"><h2>Manifest</h2><pre>${escapeHtml(JSON.stringify(r.manifest, null, 2))}</pre></section>
</body></html>
`;
}
