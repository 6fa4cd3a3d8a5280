import type { HubConnection } from "@microsoft/signalr";
import { useCallback, useState } from "preact/hooks";
import { ConnectionBadge, Notice, TopBar } from "../components/Chrome";
import { JoinPoster } from "../components/JoinPoster";
import { MetricList } from "../components/MetricGauge";
import { PhaseTimer } from "../components/PhaseTimer";
import { RoundStory } from "../components/RoundStory";
import { retryIfUnavailable, useHub } from "../hub";
import { pick, useLanguage } from "../i18n";
import { ProjectorHub, type ProjectorSession, type ProjectorTable, type ScenarioInfo } from "../protocol";
import { explain } from "../refusals";
import { type StoryMemory, tell } from "../story";
import type { MergedSummary } from "../summary";
import { useTableFeed } from "../tableFeed";
import { useTitle } from "../title";

function ProjectedTable({ table, summary, scenario, memory }: { table: ProjectorTable; summary: MergedSummary | null; scenario: ScenarioInfo; memory: StoryMemory }) {
  const { lang, t } = useLanguage();
  const { flow } = table;
  const phase = scenario.phases[flow.phase];
  const present = table.seats.filter((s) => s.present && !s.left).length;
  const story =
    summary && (flow.stage === "role_swap" || flow.stage === "debrief") ? tell({ scenario, seats: table.seats, memory, lang, t }, summary.headlines).filter((l) => !l.minor) : [];
  return (
    <article class="card projected" aria-labelledby={`projected-${table.table}`}>
      <header class="projected__head">
        <h2 id={`projected-${table.table}`}>{t.table(table.table)}</h2>
        <PhaseTimer deadline={table.deadline} paused={flow.paused} pausedSeconds={table.pausedSeconds} size="large" />
      </header>
      <p class="projected__stage">
        {flow.stage === "playing" && phase ? (
          <>
            {t.roundOf(flow.round, scenario.rounds)} · <strong>{pick(phase.label, lang)}</strong>
          </>
        ) : flow.stage === "role_swap" ? (
          <>
            <strong>{t.stage.role_swap}</strong> · {t.roundOf(flow.round, scenario.rounds)}
          </>
        ) : (
          <strong>{t.stage[flow.stage]}</strong>
        )}
      </p>
      {flow.stage === "lobby" ? (
        <p class="projected__players">
          {t.projector.players(present)}: {table.seats.map((s) => s.name).join(", ") || "—"}
        </p>
      ) : (
        <MetricList metrics={table.metrics} scenario={scenario} compact limit={4} />
      )}
      {story.length > 0 && <RoundStory lines={story} limit={6} />}
    </article>
  );
}

/** `/projector/{CODE}`: read-only, for the beamer. The QR while tables wait, then every table's progress. */
export function ProjectorPage({ code }: { code: string }) {
  const { lang, t } = useLanguage();
  const [session, setSession] = useState<ProjectorSession | null>(null);
  const [refused, setRefused] = useState<ProjectorSession | null>(null);
  useTitle(t.pageTitle.projector(session?.title ?? code));
  const feed = useTableFeed<ProjectorTable>();
  const { receive } = feed;

  const register = useCallback(
    (connection: HubConnection) => {
      connection.on(ProjectorHub.table, receive);
    },
    [receive],
  );

  const open = useCallback(
    async (connection: HubConnection) => {
      const answer = await connection.invoke<ProjectorSession>(ProjectorHub.watch, code);
      retryIfUnavailable(answer);
      if (!answer.ok) {
        setRefused(answer);
        return;
      }
      setSession(answer);
    },
    [code],
  );

  const hub = useHub({ path: ProjectorHub.path, register, open, enabled: !refused });
  const scenario = session?.scenario ?? null;
  const shown = Object.values(feed.tables).sort((a, b) => a.table - b.table);
  const anyInLobby = shown.length === 0 || shown.some((table) => table.flow.stage === "lobby");

  return (
    <>
      <TopBar>
        <ConnectionBadge state={hub.state} onRetry={hub.retryNow} />
      </TopBar>
      <main class="page page--wide projector" id="main">
        {refused && <Notice tone="error">{explain(refused, lang)}</Notice>}
        {!refused && (!session || !scenario) && <p class="muted">{t.loading}</p>}
        {session && scenario && (
          <>
            <h1 class="projector__title">
              {session.title}
              <span class="projector__scenario"> · {pick(scenario.title, lang)}</span>
            </h1>
            {anyInLobby && session.joinCode && <JoinPoster code={session.joinCode} url={session.joinUrl ?? `${location.origin}/join/${session.joinCode}`} size="large" />}
            <div class={`projector__grid projector__grid--${Math.min(shown.length, 4)}`}>
              {shown.map((table) => (
                <ProjectedTable key={table.table} table={table} summary={feed.summaryOf(table)} scenario={scenario} memory={feed.memoryOf(table.table)} />
              ))}
            </div>
          </>
        )}
      </main>
    </>
  );
}
