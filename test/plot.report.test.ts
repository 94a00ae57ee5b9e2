import { describe, expect, it } from "vitest";
import { escapeHtml, formatNumber, renderReport } from "../src/plot/report.js";

describe("HTML report", () => {
  it("is self-contained: inlines SVG, escapes text, lists the manifest", () => {
    const html = renderReport({
      title: "dnreach <results>",
      sections: [
        {
          heading: "Limits",
          paragraphs: ["a < b & c"],
          figures: [{ svg: '<svg width="1" height="1"></svg>', caption: "Fig. 6" }],
          tables: [{ caption: "key numbers", columns: ["m_N", "|U|²"], rows: [[0.3, 1.234567e-7]] }],
        },
      ],
      manifest: { seed: 1 },
    });
    expect(html).toContain("<title>dnreach &lt;results&gt;</title>");
    expect(html).toContain("<p>a &lt; b &amp; c</p>");
    expect(html).toContain('<svg width="1" height="1"></svg>');
    expect(html).toContain("<td>1.235e-7</td>");
    expect(html).toContain("&quot;seed&quot;: 1");
    expect(html).not.toMatch(/<(script|link|img)[\s>]/); // no external assets
  });

  it("formats numbers with 4 significant digits and marks non-finite ones", () => {
    expect(formatNumber(0.30000001)).toBe("0.3");
    expect(formatNumber(2.1e-9)).toBe("2.100e-9");
    expect(formatNumber(Infinity)).toBe("∞");
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(escapeHtml(`"'`)).toBe("&quot;&#39;");
  });
});
