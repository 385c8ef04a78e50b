/**
 * A small hand-written SVG line chart on log-log axes: latency (ms) against result size (nodes), one line per
 * implementation, circles for tree-shaped roots and squares for DAG roots. No chart library: it is a few dozen
 * elements, and the file stays readable in a diff.
 */
export interface ChartSeries {
  name: string;
  colour: string;
  points: { x: number; y: number; dag: boolean }[];
}

const WIDTH = 760;
const HEIGHT = 460;
const PAD = { left: 70, right: 190, top: 48, bottom: 56 };

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

function label(value: number): string {
  return value >= 1000 ? `${value / 1000}k` : String(value);
}

export function logLogChart(title: string, xLabel: string, yLabel: string, series: ChartSeries[]): string {
  const all = series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0);
  const xs = decades(Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x)));
  const ys = decades(Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y)));
  const [x0, x1] = [Math.log10(xs[0] ?? 1), Math.log10(xs.at(-1) ?? 10)];
  const [y0, y1] = [Math.log10(ys[0] ?? 1), Math.log10(ys.at(-1) ?? 10)];
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + ((Math.log10(x) - x0) / Math.max(1e-9, x1 - x0)) * plotW;
  const py = (y: number) => PAD.top + plotH - ((Math.log10(y) - y0) / Math.max(1e-9, y1 - y0)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${PAD.left}" y="24" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  for (const x of xs) {
    parts.push(`<line x1="${px(x)}" y1="${PAD.top}" x2="${px(x)}" y2="${PAD.top + plotH}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${px(x)}" y="${PAD.top + plotH + 18}" text-anchor="middle">${label(x)}</text>`);
  }
  for (const y of ys) {
    parts.push(`<line x1="${PAD.left}" y1="${py(y)}" x2="${PAD.left + plotW}" y2="${py(y)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${py(y) + 4}" text-anchor="end">${label(y)}</text>`);
  }
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escape(xLabel)}</text>`);
  parts.push(
    `<text transform="translate(18 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const points = s.points.filter((p) => p.x > 0 && p.y > 0).sort((a, b) => a.x - b.x);
    if (points.length > 1) {
      const d = points.map((p, j) => `${j === 0 ? "M" : "L"}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ");
      parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    }
    for (const p of points) {
      const [cx, cy] = [px(p.x), py(p.y)];
      parts.push(
        p.dag
          ? `<rect x="${(cx - 4).toFixed(1)}" y="${(cy - 4).toFixed(1)}" width="8" height="8" fill="${s.colour}"><title>${escape(`${s.name}: ${p.x} nodes, ${p.y.toFixed(1)} ms (DAG)`)}</title></rect>`
          : `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="4" fill="${s.colour}"><title>${escape(`${s.name}: ${p.x} nodes, ${p.y.toFixed(1)} ms (tree)`)}</title></circle>`,
      );
    }
    const ly = PAD.top + 16 + i * 20;
    parts.push(
      `<line x1="${WIDTH - PAD.right + 16}" y1="${ly}" x2="${WIDTH - PAD.right + 40}" y2="${ly}" stroke="${s.colour}" stroke-width="3"/>`,
    );
    parts.push(`<text x="${WIDTH - PAD.right + 46}" y="${ly + 4}">${escape(s.name)}</text>`);
  });
  const ly = PAD.top + 16 + series.length * 20 + 10;
  parts.push(
    `<circle cx="${WIDTH - PAD.right + 28}" cy="${ly}" r="4" fill="#555"/><text x="${WIDTH - PAD.right + 46}" y="${ly + 4}">tree-shaped root</text>`,
  );
  parts.push(
    `<rect x="${WIDTH - PAD.right + 24}" y="${ly + 16}" width="8" height="8" fill="#555"/><text x="${WIDTH - PAD.right + 46}" y="${ly + 24}">DAG root</text>`,
  );
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
