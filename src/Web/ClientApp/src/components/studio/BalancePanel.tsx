import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import {
  type BalanceDiagnostic,
  balanceApi,
  botKinds,
  contentFlag,
  curveData,
  groupWarnings,
  histogramData,
  maxGames,
  percent,
  pollDelay,
  readInputs,
  requestFor,
  warningsFor,
} from "../../balance";
import { formatNumber, pick, useLanguage } from "../../i18n";
import type { BalanceReport, BalanceStatus, PlayerCountFigures } from "../../protocol";
import { explain } from "../../refusals";
import { DataTable } from "../DataTable";
import { Field } from "../Field";

// The balance report in the studio: bots play the YAML in the editor many times on the server (a
// job with a progress bar that can be stopped); warnings first, then the figures, the score
// distribution and each metric's median curve with its 10–90 % band, drawn by uPlot.

const ink = "#17241f";
const grid = "#cfd8d2";
const botColours: Record<string, string> = { random: "#6b7280", greedy: "#b45309", cooperative: "#0b5d45" };
const barPaths = uPlot.paths.bars?.({ size: [0.25, 40] });

function Chart({ data, series, label, width, bars = false }: { data: number[][]; series: uPlot.Series[]; label: string; width: number; bars?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const key = `${JSON.stringify(data)}|${width}|${series.map((s) => s.label).join(",")}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the data, the series and the width
  useEffect(() => {
    const element = host.current;
    if (!element || width <= 0) return;
    const options: uPlot.Options = {
      width,
      height: 180,
      legend: { show: true },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [
        { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 50 },
      ],
      series: [{}, ...series.map((s) => (bars && barPaths ? { ...s, paths: barPaths, points: { show: false } } : s))],
      bands: bars || series.length < 3 ? [] : [{ series: [3, 1], fill: "rgba(11, 93, 69, 0.15)" }],
    };
    const chart = new uPlot(options, data as uPlot.AlignedData, element);
    return () => chart.destroy();
  }, [key]);
  return <div class="curve__chart" ref={host} role="img" aria-label={label} />;
}

function useWidth() {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(220, element.clientWidth - 2));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { box, width };
}

function Figures({ report, table }: { report: BalanceReport; table: PlayerCountFigures }) {
  const { lang, t } = useLanguage();
  const { box, width } = useWidth();
  const [curveBot, setCurveBot] = useState<string>("cooperative");
  const n = (v: number) => formatNumber(v, lang);
  const bot = (b: string) => t.balance.bots[b] ?? b;
  const cooperative = table.bots.find((b) => b.bot === "cooperative") ?? table.bots[0];
  const greedy = table.bots.find((b) => b.bot === "greedy") ?? table.bots[0];
  return (
    <div ref={box}>
      <p>{t.balance.premium(percent(table.cooperationPremium, lang))}</p>
      <h4>{t.balance.figures}</h4>
      <DataTable
        caption={t.balance.figures}
        rows={table.bots}
        rowKey={(b) => b.bot}
        columns={[
          { label: t.balance.columns.bot, rowHeader: true, cell: (b) => bot(b.bot) },
          { label: t.balance.columns.score, numeric: true, cell: (b) => `${n(b.score.mean)} ± ${n(b.score.spread)}` },
          { label: t.balance.columns.events, numeric: true, cell: (b) => n(b.length.mean) },
          { label: t.balance.columns.coverage, numeric: true, cell: (b) => percent(b.rotationCoverage, lang) },
          { label: t.balance.columns.proposals, numeric: true, cell: (b) => `${n(b.proposals.accepted)} / ${n(b.proposals.countered)} / ${n(b.proposals.rejected)}` },
          { label: t.balance.columns.ballots, numeric: true, cell: (b) => `${n(b.ballots.carried)} / ${n(b.ballots.called)}` },
        ]}
      />
      <h4>{t.balance.roles}</h4>
      <DataTable
        caption={t.balance.roles}
        rows={(cooperative?.roles ?? []).map((role, r) => ({ role: role.role, r }))}
        rowKey={(x) => x.role}
        columns={[
          { label: t.balance.roleColumns.role, rowHeader: true, cell: (x) => x.role },
          { label: t.balance.roleColumns.share, numeric: true, cell: (x) => table.bots.map((b) => percent(b.roles[x.r]?.contributionShare ?? 0, lang)).join(" / ") },
          { label: t.balance.roleColumns.points, numeric: true, cell: (x) => table.bots.map((b) => n(b.roles[x.r]?.pointsPerRoundHeld ?? 0)).join(" / ") },
          { label: t.balance.roleColumns.onTop, numeric: true, cell: (x) => percent(greedy?.roles[x.r]?.onTop ?? 0, lang) },
        ]}
      />
      <h4>{t.balance.histogram}</h4>
      <Chart
        data={histogramData(table)}
        series={table.bots.map((b) => ({ label: bot(b.bot), stroke: botColours[b.bot] ?? ink, fill: botColours[b.bot] ?? ink, width: 1 }))}
        label={t.balance.histogramSummary(table.bots.map((b) => `${bot(b.bot)} ${n(b.score.mean)}`).join(", "))}
        width={width}
        bars
      />
      <h4>{t.balance.curves}</h4>
      <Field id="balance-curve-bot" label={t.balance.curvesBot}>
        {(control) => (
          <select {...control} value={curveBot} onChange={(e) => setCurveBot(e.currentTarget.value)}>
            {botKinds.map((b) => (
              <option key={b} value={b}>
                {bot(b)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(cooperative?.metrics ?? []).map((metric) => {
        const data = curveData(table, curveBot, metric.metric);
        const medians = data[2] ?? [];
        return (
          <figure class="curve" key={metric.metric}>
            <figcaption class="curve__title">{metric.metric}</figcaption>
            <Chart
              data={data}
              series={[
                { label: "10 %", stroke: grid, width: 1 },
                { label: lang === "nl" ? "mediaan" : "median", stroke: botColours[curveBot] ?? ink, width: 2 },
                { label: "90 %", stroke: grid, width: 1 },
              ]}
              label={t.balance.curveSummary(metric.metric, n(medians[0] ?? 0), n(medians[medians.length - 1] ?? 0))}
              width={width}
            />
          </figure>
        );
      })}
      <DataTable
        caption={t.balance.metricColumns.metric}
        showCaption
        rows={table.bots.find((b) => b.bot === curveBot)?.metrics ?? []}
        rowKey={(m) => m.metric}
        columns={[
          { label: t.balance.metricColumns.metric, rowHeader: true, cell: (m) => m.metric },
          { label: t.balance.metricColumns.final, numeric: true, cell: (m) => `${n(m.finalMean)} ± ${n(m.finalSpread)}` },
          { label: t.balance.metricColumns.min, numeric: true, cell: (m) => percent(m.pinnedAtMin, lang) },
          { label: t.balance.metricColumns.max, numeric: true, cell: (m) => percent(m.pinnedAtMax, lang) },
        ]}
      />
      {(cooperative?.sharedGoals.length ?? 0) > 0 && (
        <>
          <h4>{t.balance.sharedGoals}</h4>
          <ul class="plain-list">
            {cooperative?.sharedGoals.map((g) => (
              <li key={g.goal}>
                {g.goal}: {g.metByRound.map((m) => percent(m, lang)).join(" · ")}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t.balance.content}</h4>
      <DataTable
        caption={t.balance.content}
        rows={report.content}
        rowKey={(c) => c.id}
        columns={[
          {
            label: t.balance.contentColumns.item,
            rowHeader: true,
            cell: (c) => {
              const flag = contentFlag(c);
              return (
                <>
                  {pick(c.label, lang)} <span class="muted">({c.id})</span>
                  {flag && <strong> · {t.balance.contentFlag[flag]}</strong>}
                </>
              );
            },
          },
          { label: t.balance.contentColumns.random, numeric: true, cell: (c) => c.random },
          { label: t.balance.contentColumns.greedy, numeric: true, cell: (c) => c.greedy },
          { label: t.balance.contentColumns.cooperative, numeric: true, cell: (c) => c.cooperative },
        ]}
      />
    </div>
  );
}

/** Runs a balance report of the YAML in the editor on the server and shows it: warnings first, then figures and charts. */
export function BalancePanel({ source }: { source: string }) {
  const { lang, t } = useLanguage();
  const [games, setGames] = useState("100");
  const [players, setPlayers] = useState("");
  const [seed, setSeed] = useState("1");
  const [invalid, setInvalid] = useState<"games" | "players" | "seed" | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const [status, setStatus] = useState<BalanceStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [diagnostics, setDiagnostics] = useState<BalanceDiagnostic[]>([]);
  const [shown, setShown] = useState<number | null>(null);

  useEffect(() => {
    if (!job) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (polls: number) => {
      const result = await balanceApi.status(job);
      if (stopped) return;
      if (!result.ok) {
        setProblem(explain(result.error, lang));
        setJob(null);
        return;
      }
      setStatus(result.value);
      if (result.value.state === "running") timer = setTimeout(() => poll(polls + 1), pollDelay(polls));
      else setJob(null);
    };
    poll(0);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [job, lang]);

  const start = async (event: Event) => {
    event.preventDefault();
    const inputs = readInputs(games, players, seed);
    if (!inputs.ok) {
      setInvalid(inputs.field);
      return;
    }
    setInvalid(null);
    setProblem(null);
    setDiagnostics([]);
    setStatus(null);
    const result = await balanceApi.start(requestFor(source, inputs));
    if (result.ok) {
      setStatus({ state: "running", progress: 0, report: null, error: null });
      setJob(result.value.jobId);
    } else {
      setDiagnostics(result.diagnostics.filter((d) => d.severity === "error"));
      setProblem(explain(result.error, lang));
    }
  };

  const cancel = async () => {
    if (!job) return;
    const result = await balanceApi.cancel(job);
    if (result.ok) setStatus(result.value);
  };

  const report = status?.report ?? null;
  const table = report ? (report.tables.find((x) => x.players === shown) ?? report.tables[0]) : undefined;
  const warnings = report ? warningsFor(report, report.tables.length > 1 ? (table?.players ?? null) : null) : [];
  const running = status?.state === "running";
  return (
    <section class="card balance" aria-labelledby="balance-heading">
      <h3 id="balance-heading" class="card__title">
        {t.balance.heading}
      </h3>
      <p class="muted">{t.balance.intro}</p>
      <form onSubmit={start} class="field-row">
        <Field id="balance-games" label={t.balance.games} hint={t.balance.gamesHint(maxGames)}>
          {(control) => <input {...control} inputMode="numeric" value={games} aria-invalid={invalid === "games"} onInput={(e) => setGames(e.currentTarget.value)} />}
        </Field>
        <Field id="balance-players" label={t.balance.players} hint={t.balance.playersHint} optional>
          {(control) => <input {...control} inputMode="numeric" value={players} aria-invalid={invalid === "players"} onInput={(e) => setPlayers(e.currentTarget.value)} />}
        </Field>
        <Field id="balance-seed" label={t.balance.seed} hint={t.balance.seedHint}>
          {(control) => <input {...control} inputMode="numeric" value={seed} aria-invalid={invalid === "seed"} onInput={(e) => setSeed(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button button--primary" disabled={running}>
          {t.balance.run}
        </button>
        {running && (
          <button type="button" class="button button--danger" onClick={cancel}>
            {t.balance.cancel}
          </button>
        )}
      </form>
      {invalid && (
        <p class="notice notice--error" role="alert">
          {t.balance.invalid[invalid]}
        </p>
      )}
      {status && status.state !== "done" && (
        <div class="balance__progress">
          <label for="balance-progress">{t.balance.progress}</label>{" "}
          <progress id="balance-progress" max={1} value={status.progress} aria-valuetext={t.balance.progressText(percent(status.progress, lang))} />{" "}
          <span aria-live="polite">{t.balance.progressText(percent(status.progress, lang))}</span>
        </div>
      )}
      {status?.state === "cancelled" && <p class="notice">{t.balance.cancelled}</p>}
      {status?.state === "failed" && (
        <p class="notice notice--error" role="alert">
          {t.balance.failed} {status.error ? pick(status.error, lang) : ""}
        </p>
      )}
      {problem && (
        <div class="notice notice--error" role="alert">
          <p>{diagnostics.length > 0 ? t.balance.yamlErrors : problem}</p>
          {diagnostics.length > 0 && (
            <ul>
              {diagnostics.map((d) => (
                <li key={`${d.line}:${d.column}:${d.code}`}>
                  {d.line}:{d.column} {d.code}: {d.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {report && table && (
        <div class="balance__report">
          {report.tables.length > 1 && (
            <Field id="balance-shown" label={t.balance.playersShown}>
              {(control) => (
                <select {...control} value={String(table.players)} onChange={(e) => setShown(Number(e.currentTarget.value))}>
                  {report.tables.map((x) => (
                    <option key={x.players} value={String(x.players)}>
                      {t.balance.playersOption(x.players)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <h4 aria-live="polite">{t.balance.warnings(warnings.length)}</h4>
          {warnings.length === 0 ? (
            <p>{t.balance.noWarnings}</p>
          ) : (
            groupWarnings(warnings).map((group) => (
              <ul class="notice balance__warnings" key={group.code}>
                {group.warnings.map((w) => (
                  <li key={`${w.code}:${w.subject}:${w.players ?? ""}`}>
                    <strong>{w.subject}</strong>: {pick(w.message, lang)}
                  </li>
                ))}
              </ul>
            ))
          )}
          <Figures report={report} table={table} />
        </div>
      )}
    </section>
  );
}
