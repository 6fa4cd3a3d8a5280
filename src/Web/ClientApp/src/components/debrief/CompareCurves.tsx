import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatNumber, pick, useLanguage } from "../../i18n";
import type { CurvePoint, MetricInfo, ScenarioInfo, TableDebrief } from "../../protocol";

// The tables side by side on one chart per shared metric: a line per table, the value at the start and
// at the end of every round. Lines differ in colour and in dash, so they read apart without colour too.

const palette = ["#0b5d45", "#1d4ed8", "#a12a20", "#7a4b00", "#6b21a8", "#0f766e", "#374151", "#9d174d"];
const dashes: number[][] = [[], [10, 6], [3, 5], [14, 5, 3, 5]];
const colourOf = (i: number): string => palette[i % palette.length] ?? ink;
const dashOf = (i: number): number[] => dashes[i % dashes.length] ?? [];
const ink = "#17241f";
const grid = "#cfd8d2";

/** One table's line: its number and its metric's value per round. */
export interface TableLine {
  table: number;
  points: CurvePoint[];
}

/** The values at the start (round 0) and at the end of every round, from a table's debrief series. */
export function roundPoints(table: TableDebrief, metric: string): CurvePoint[] {
  return table.series.filter((p) => p.endOfRound).map((p) => ({ round: p.round, value: p.values[metric] ?? Number.NaN }));
}

/** Every table's line of one metric on one chart; `fontPx` sizes its axes and legend (the projector's are large). */
export function OverlaidCurve({ info, lines, width, height, fontPx = 13 }: { info: MetricInfo; lines: TableLine[]; width: number; height: number; fontPx?: number }) {
  const { lang, t } = useLanguage();
  const host = useRef<HTMLDivElement>(null);
  const rounds = Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p.round)));
  const xs = Array.from({ length: rounds + 1 }, (_, i) => i);
  const ys = lines.map((l) => xs.map((r) => l.points.find((p) => p.round === r)?.value ?? null));
  const key = `${JSON.stringify(ys)}|${lang}|${width}|${height}|${fontPx}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the data, the language and the size the chart is made of
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const font = `${fontPx}px system-ui, sans-serif`;
    const chart = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [0, rounds] }, y: { range: [info.min, info.max] } },
        axes: [
          {
            stroke: ink,
            font,
            size: fontPx * 2.4,
            grid: { stroke: grid, width: 1 },
            splits: () => xs,
            values: () => xs.map((r) => (r === 0 ? t.observe.start : t.observe.roundShort(r))),
          },
          { stroke: ink, font, size: fontPx * 4, space: fontPx * 2, grid: { stroke: grid, width: 1 }, values: (_u, splits) => splits.map((v) => formatNumber(v, lang)) },
        ],
        series: [
          {},
          ...lines.map((l, i) => ({
            label: t.table(l.table),
            stroke: colourOf(i),
            width: Math.max(2, fontPx / 6),
            dash: dashOf(i),
            points: { show: true, size: Math.max(6, fontPx / 2.5), fill: colourOf(i) },
          })),
        ],
      },
      [xs, ...ys],
      element,
    );
    return () => chart.destroy();
  }, [key]);

  const summary = lines.map((l) => `${t.table(l.table)}: ${l.points.map((p) => formatNumber(Math.round(p.value * 10) / 10, lang)).join(" → ")}`).join("; ");
  return (
    <figure class="curve overlay" style={{ fontSize: `${fontPx}px` }}>
      <figcaption class="curve__title">
        {pick(info.label, lang)}
        {pick(info.unit, lang) && <span class="curve__unit"> ({pick(info.unit, lang)})</span>}
        <span class="curve__direction"> · {info.good === "up" ? t.play.higherIsBetter : t.play.lowerIsBetter}</span>
      </figcaption>
      <div ref={host} role="img" aria-label={`${pick(info.label, lang)}: ${summary}`} />
      <ul class="overlay__legend">
        {lines.map((l, i) => (
          <li key={l.table}>
            <svg width={fontPx * 2.5} height={fontPx} aria-hidden="true" focusable="false">
              <line x1="0" y1={fontPx / 2} x2={fontPx * 2.5} y2={fontPx / 2} stroke={colourOf(i)} stroke-width={Math.max(2, fontPx / 6)} stroke-dasharray={dashOf(i).join(" ")} />
            </svg>{" "}
            {t.table(l.table)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The debrief page's tables compared: one overlaid chart per shared metric, two to a row where there is room. */
export function CompareCurves({ scenario, tables }: { scenario: ScenarioInfo; tables: TableDebrief[] }) {
  const { t } = useLanguage();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const room = element.clientWidth;
      setWidth(Math.max(220, Math.floor(room >= 640 ? (room - 16) / 2 : room) - 2));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div class="card">
      <h3 class="card__title">{t.observe.overlay}</h3>
      <p class="field__hint">{t.observe.overlayHint}</p>
      <div class="curves curves--2" ref={box}>
        {width > 0 &&
          scenario.metrics.map((m) => (
            <OverlaidCurve key={m.id} info={m} lines={tables.map((x) => ({ table: x.table, points: roundPoints(x, m.id) }))} width={width} height={200} />
          ))}
      </div>
    </div>
  );
}
