import { useMemo } from "preact/hooks";
import { TopBar } from "../components/Chrome";
import { DecisionTable } from "../components/debrief/DecisionTable";
import { MetricCurves } from "../components/debrief/MetricCurves";
import { PromptOutline } from "../components/debrief/Prompts";
import { HandoverNotes, WordWall } from "../components/debrief/Reflections";
import { RoleGrid } from "../components/debrief/RoleGrid";
import { ScoreCard } from "../components/debrief/ScoreCard";
import { type Debrief, useDebrief, useRoundStories } from "../components/debrief/useDebrief";
import { actionsByVersion, decisionsOf, roundEnds, roundsPlayed, timelineMarks, whereOf } from "../debrief";
import { pick, useLanguage } from "../i18n";
import type { TableDebrief, WorkshopDebrief } from "../protocol";
import { followLink } from "../router";
import { useTitle } from "../title";
import { DebriefGate } from "./DebriefPage";

/**
 * `/debrief/{workshopId}/report`: the debrief on paper. A page of the app rather than a server-made
 * file, because the key is the facilitator's Bearer header (a plain link can not send one); print
 * styles turn it into one section per table, and the browser's print makes the PDF.
 */
export function DebriefReportPage({ workshopId }: { workshopId: string }) {
  const { t } = useLanguage();
  const debrief = useDebrief(workshopId);
  useTitle(t.debrief.reportTitle(debrief.debrief?.title ?? workshopId.slice(0, 6)));
  return (
    <>
      <TopBar />
      <DebriefGate debrief={debrief}>{(data) => <Report workshopId={workshopId} data={data} debrief={debrief} />}</DebriefGate>
    </>
  );
}

function Report({ workshopId, data, debrief }: { workshopId: string; data: WorkshopDebrief; debrief: Debrief }) {
  const { lang, t } = useLanguage();
  const made = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeStyle: "short" }).format(new Date());
  return (
    <article class="report">
      <div class="report__actions">
        <button type="button" class="button button--primary" onClick={() => window.print()}>
          {t.debrief.print}
        </button>
        <a href={`/debrief/${encodeURIComponent(workshopId)}`} onClick={(e) => followLink(e, `/debrief/${encodeURIComponent(workshopId)}`)}>
          {t.debrief.backToDebrief}
        </a>
      </div>
      <header class="report__head">
        <p class="eyebrow">{t.debrief.report}</p>
        <h1>{data.title}</h1>
        <p class="lead">
          {data.title === data.scenario.title.nl || data.title === data.scenario.title.en ? "" : `${pick(data.scenario.title, lang)} · `}
          {t.debrief.reportMade(made)}
        </p>
      </header>
      {data.tables.map((table) => (
        <ReportTable key={table.table} data={data} table={table} debrief={debrief} />
      ))}
      <section class="report__section" aria-labelledby="report-prompts">
        <h2 id="report-prompts">{t.debrief.prompts}</h2>
        <PromptOutline prompts={data.prompts} />
      </section>
    </article>
  );
}

function ReportTable({ data, table, debrief }: { data: WorkshopDebrief; table: TableDebrief; debrief: Debrief }) {
  const { t } = useLanguage();
  const scenario = data.scenario;
  const now = useMemo(() => whereOf(table.flow, scenario), [table, scenario]);
  const marks = useMemo(() => timelineMarks(table.timeline, now), [table, now]);
  const stories = useRoundStories(debrief.fetchMoment, table.table, roundEnds(marks));
  const decisions = useMemo(() => decisionsOf(table, actionsByVersion(stories)), [table, stories]);
  const rounds = roundsPlayed(table);
  const n = table.table;
  return (
    <section class="report__table" aria-labelledby={`report-table-${n}`}>
      <h2 id={`report-table-${n}`}>{t.table(n)}</h2>
      <h3>{t.debrief.curves}</h3>
      <MetricCurves scenario={scenario} series={table.series} last={table.version} version={null} />
      <h3>{t.debrief.roleGrid}</h3>
      <RoleGrid seats={table.seats} rounds={rounds} scenario={scenario} caption={t.debrief.roleGrid} />
      <h3>{t.debrief.decisions}</h3>
      <DecisionTable table={n} rows={decisions} rounds={rounds} seats={table.seats} scenario={scenario} filterable={false} />
      <h3>{t.debrief.reflections}</h3>
      <WordWall reflections={table.reflections} scenario={scenario} />
      <h3>{t.debrief.notes}</h3>
      <HandoverNotes notes={table.handoverNotes} reflections={table.reflections} seats={table.seats} scenario={scenario} />
      <ScoreCard table={table} scenario={scenario} />
    </section>
  );
}
