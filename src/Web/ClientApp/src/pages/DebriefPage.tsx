import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Notice, TopBar } from "../components/Chrome";
import { KeyForm } from "../components/console/KeyForm";
import { CompareCurves } from "../components/debrief/CompareCurves";
import { DecisionTable } from "../components/debrief/DecisionTable";
import { Downloads } from "../components/debrief/Downloads";
import { MetricCurves } from "../components/debrief/MetricCurves";
import { MomentStory } from "../components/debrief/MomentStory";
import { ObserverLinkCard } from "../components/debrief/ObserverLink";
import { PinnedNotes } from "../components/debrief/PinnedNotes";
import { ProjectorControls } from "../components/debrief/ProjectorControls";
import { PromptCards } from "../components/debrief/Prompts";
import { HandoverNotes, WordWall } from "../components/debrief/Reflections";
import { RoleGrid } from "../components/debrief/RoleGrid";
import { ScoreCard } from "../components/debrief/ScoreCard";
import { Scrubber } from "../components/debrief/Scrubber";
import { SeatViews } from "../components/debrief/SeatViews";
import { type Debrief, useDebrief, useMoment, useRoundStories } from "../components/debrief/useDebrief";
import { actionsByVersion, decisionsOf, roundEnds, roundsPlayed, timelineMarks, whereOf } from "../debrief";
import { asLanguage, pick, useLanguage } from "../i18n";
import type { TableDebrief, WorkshopDebrief } from "../protocol";
import { followLink } from "../router";
import { useTitle } from "../title";

/** `/debrief/{workshopId}`: the facilitator's debrief, during play and after, opened with the facilitator key. */
export function DebriefPage({ workshopId }: { workshopId: string }) {
  const { t } = useLanguage();
  const debrief = useDebrief(workshopId);
  useTitle(t.debrief.pageTitle(debrief.debrief?.title ?? workshopId.slice(0, 6)));
  return (
    <>
      <TopBar />
      <DebriefGate debrief={debrief}>{(data) => <DebriefView workshopId={workshopId} data={data} debrief={debrief} />}</DebriefGate>
    </>
  );
}

/** The key form, the loading note or the refusal until the debrief is here; then the page. */
export function DebriefGate({ debrief, children }: { debrief: Debrief; children: (data: WorkshopDebrief) => ComponentChildren }) {
  const { t, suggest } = useLanguage();
  const language = asLanguage(debrief.debrief?.language);
  useEffect(() => {
    if (language) suggest(language);
  }, [language, suggest]);
  if (!debrief.key) {
    return (
      <main class="page page--narrow" id="main">
        <KeyForm error={debrief.keyRefusal} onKey={debrief.enterKey} />
      </main>
    );
  }
  if (!debrief.debrief) {
    return (
      <main class="page" id="main">
        {debrief.problem ? (
          <Notice tone="error">
            <p>{t.debrief.failed}</p>
            <p>{debrief.problem}</p>
          </Notice>
        ) : (
          <p class="muted">{t.loading}</p>
        )}
      </main>
    );
  }
  return (
    <main class="page page--wide debrief" id="main">
      {children(debrief.debrief)}
    </main>
  );
}

function DebriefView({ workshopId, data, debrief }: { workshopId: string; data: WorkshopDebrief; debrief: Debrief }) {
  const { lang, t } = useLanguage();
  const scenario = data.scenario;
  const [tableNo, setTableNo] = useState(data.tables[0]?.table ?? 1);
  const table = data.tables.find((x) => x.table === tableNo) ?? data.tables[0];
  return (
    <>
      <header class="debrief__head">
        <div>
          <p class="eyebrow">{t.debrief.heading}</p>
          <h1>{data.title}</h1>
          {/* A workshop without a title of its own is named after its scenario: say it once. */}
          {data.title !== scenario.title.nl && data.title !== scenario.title.en && <p class="lead">{pick(scenario.title, lang)}</p>}
        </div>
        <nav class="debrief__links" aria-label={t.debrief.heading}>
          {!debrief.observer && (
            <>
              <a href={`/facilitator/${encodeURIComponent(workshopId)}`} onClick={(e) => followLink(e, `/facilitator/${encodeURIComponent(workshopId)}`)}>
                {t.debrief.toConsole}
              </a>
              <a href={`/debrief/${encodeURIComponent(workshopId)}/report`} onClick={(e) => followLink(e, `/debrief/${encodeURIComponent(workshopId)}/report`)}>
                {t.debrief.toReport}
              </a>
            </>
          )}
          <button type="button" class="button button--small" onClick={debrief.reload}>
            {t.debrief.refresh}
          </button>
        </nav>
      </header>
      {debrief.observer && <p class="notice">{t.observe.observerMode}</p>}
      <JumpNav table={tableNo} observer={debrief.observer} />

      {data.tables.length > 1 && (
        <fieldset class="table-tabs">
          <legend class="visually-hidden">{t.debrief.tables}</legend>
          {data.tables.map((x) => (
            <button key={x.table} type="button" class="button button--small" aria-pressed={x.table === tableNo} onClick={() => setTableNo(x.table)}>
              {t.table(x.table)}
            </button>
          ))}
        </fieldset>
      )}

      {table && <TableDebriefView key={table.table} workshopId={workshopId} data={data} table={table} debrief={debrief} />}

      <section class="debrief__section" aria-labelledby="compare-heading">
        <h2 id="compare-heading">{t.debrief.compare}</h2>
        <CompareCurves scenario={scenario} tables={data.tables} />
        <div class="compare-grid">
          {data.tables.map((x) => (
            <ScoreCard key={x.table} table={x} scenario={scenario} />
          ))}
        </div>
      </section>
      {!debrief.observer && (
        <section class="card" aria-labelledby="take-home-heading">
          <h2 id="take-home-heading" class="card__title">
            {t.debrief.takeHome}
          </h2>
          <Downloads workshopId={workshopId} debrief={debrief} />
        </section>
      )}
      {!debrief.observer && <ObserverLinkCard workshopId={workshopId} debrief={debrief} />}
    </>
  );
}

/** Links to the page's parts (a long page at a facilitator's laptop): the chosen table's, then the tables compared and the downloads. */
function JumpNav({ table, observer }: { table: number; observer: boolean }) {
  const { t } = useLanguage();
  const parts: [string, string][] = [
    [`timeline-${table}`, t.debrief.timeline],
    [`curves-${table}`, t.debrief.curves],
    [`seats-${table}`, t.debrief.seats],
    [`grid-${table}`, t.debrief.roleGrid],
    [`prompts-${table}`, t.debrief.prompts],
    ...(observer ? [] : ([[`projector-${table}-heading`, t.observe.projector]] as [string, string][])),
    [`decisions-${table}`, t.debrief.decisions],
    [`reflections-${table}`, t.debrief.reflections],
    ["compare-heading", t.debrief.compare],
    ...(observer ? [] : ([["take-home-heading", t.debrief.takeHome]] as [string, string][])),
  ];
  return (
    <nav class="debrief__jump" aria-label={t.debrief.onThisPage}>
      <ul>
        {parts.map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function TableDebriefView({ workshopId, data, table, debrief }: { workshopId: string; data: WorkshopDebrief; table: TableDebrief; debrief: Debrief }) {
  const { t } = useLanguage();
  const [prompt, setPrompt] = useState(0);
  const scenario = data.scenario;
  const [version, setVersion] = useState(table.version);
  const onVersion = useCallback((v: number) => setVersion(v), []);
  // At the newest moment when the table moves on (a fresh copy while it plays), the scrubber moves on with it.
  const newest = useRef(table.version);
  useEffect(() => {
    setVersion((v) => (v === newest.current ? table.version : v));
    newest.current = table.version;
  }, [table.version]);
  const now = useMemo(() => whereOf(table.flow, scenario), [table, scenario]);
  const marks = useMemo(() => timelineMarks(table.timeline, now), [table, now]);
  const moment = useMoment(debrief.fetchMoment, table.table, version);
  const stories = useRoundStories(debrief.fetchMoment, table.table, roundEnds(marks));
  const decisions = useMemo(() => decisionsOf(table, actionsByVersion(stories)), [table, stories]);
  const rounds = roundsPlayed(table);
  const n = table.table;
  const stale = moment !== null && moment.version !== Math.min(version, table.version);
  return (
    <>
      <section class="card debrief__timeline" aria-labelledby={`timeline-${n}`}>
        <h2 id={`timeline-${n}`} class="card__title">
          {t.debrief.timeline} · {t.table(n)}
        </h2>
        <Scrubber
          table={n}
          timeline={table.timeline}
          now={now}
          marks={marks}
          last={table.version}
          version={version}
          onVersion={onVersion}
          scenario={scenario}
          seats={table.seats}
          notes={table.pinnedNotes.map((n) => n.version)}
        />
      </section>

      <section class="card" aria-labelledby={`pinned-${n}`}>
        <h2 id={`pinned-${n}`} class="card__title">
          {t.observe.notes}
        </h2>
        <PinnedNotes workshopId={workshopId} table={n} notes={table.pinnedNotes} scenario={scenario} debrief={debrief} onVersion={onVersion} />
      </section>

      <div class="debrief__moment" aria-busy={stale}>
        <section class="card" aria-labelledby={`curves-${n}`}>
          <h2 id={`curves-${n}`} class="card__title">
            {t.debrief.curves}
          </h2>
          <p class="field__hint">{t.debrief.curvesHint}</p>
          <MetricCurves scenario={scenario} series={table.series} last={table.version} version={version} />
        </section>
        <section class="card" aria-labelledby={`story-${n}`}>
          <h2 id={`story-${n}`} class="card__title">
            {t.facilitator.story}
          </h2>
          {moment ? <MomentStory moment={moment} scenario={scenario} resourceLabels={data.resourceLabels} /> : <p class="muted">{t.debrief.loadingMoment}</p>}
        </section>
      </div>

      <section class="debrief__section" aria-labelledby={`seats-${n}`}>
        <h2 id={`seats-${n}`}>{t.debrief.seats}</h2>
        <p class="field__hint">
          {t.debrief.seatsHint}
          {stale && <span class="muted"> {t.debrief.loadingMoment}</span>}
        </p>
        {moment ? <SeatViews table={n} seats={moment.seats} scenario={scenario} /> : <p class="muted">{t.debrief.loadingMoment}</p>}
      </section>

      <div class="debrief__pair">
        <section class="card" aria-labelledby={`grid-${n}`}>
          <h2 id={`grid-${n}`} class="card__title">
            {t.debrief.roleGrid}
          </h2>
          <RoleGrid seats={table.seats} rounds={rounds} scenario={scenario} caption={t.debrief.roleGrid} />
        </section>
        <section class="card" aria-labelledby={`prompts-${n}`}>
          <h2 id={`prompts-${n}`} class="card__title">
            {t.debrief.prompts}
          </h2>
          <PromptCards prompts={data.prompts} index={prompt} onIndex={setPrompt} />
        </section>
      </div>

      {!debrief.observer && (
        <section class="card" aria-labelledby={`projector-${n}-heading`}>
          <h2 id={`projector-${n}-heading`} class="card__title">
            {t.observe.projector}
          </h2>
          <ProjectorControls workshopId={workshopId} debrief={debrief} scenario={scenario} table={n} version={version} prompt={prompt} />
        </section>
      )}

      <section class="card" aria-labelledby={`decisions-${n}`}>
        <h2 id={`decisions-${n}`} class="card__title">
          {t.debrief.decisions}
        </h2>
        <DecisionTable table={n} rows={decisions} rounds={rounds} seats={table.seats} scenario={scenario} />
      </section>

      <div class="debrief__pair">
        <section class="card" aria-labelledby={`reflections-${n}`}>
          <h2 id={`reflections-${n}`} class="card__title">
            {t.debrief.reflections}
          </h2>
          <WordWall reflections={table.reflections} scenario={scenario} />
        </section>
        <section class="card" aria-labelledby={`notes-${n}`}>
          <h2 id={`notes-${n}`} class="card__title">
            {t.debrief.notes}
          </h2>
          <HandoverNotes notes={table.handoverNotes} reflections={table.reflections} seats={table.seats} scenario={scenario} />
        </section>
      </div>
    </>
  );
}
