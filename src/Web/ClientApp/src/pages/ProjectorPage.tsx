import type { HubConnection } from "@microsoft/signalr";
import { useCallback, useState } from "preact/hooks";
import { ConnectionBadge, Notice, TopBar } from "../components/Chrome";
import { JoinPoster } from "../components/JoinPoster";
import { MetricList } from "../components/MetricGauge";
import { PhaseTimer } from "../components/PhaseTimer";
import { DebriefScreen } from "../components/projector/DebriefScreen";
import { RoomVote, WordCloud } from "../components/RoomFloor";
import { RoundStory } from "../components/RoundStory";
import { TableJoinCodes } from "../components/TableJoinCodes";
import { useFitStep } from "../fit";
import { retryIfUnavailable, useHub } from "../hub";
import { pick, useLanguage } from "../i18n";
import { ProjectorHub, type ProjectorSession, type ProjectorTable, type ScenarioInfo } from "../protocol";
import { explain } from "../refusals";
import { arrivals, fitted, mostHeadlines } from "../room";
import { actionLabel, roleName } from "../scenario";
import { ballotSubject, type StoryMemory, tell } from "../story";
import type { MergedSummary } from "../summary";
import { useTableFeed } from "../tableFeed";
import { useTitle } from "../title";

function ProjectedTable({
  table,
  summary,
  scenario,
  memory,
  headlines,
  metricLimit,
}: {
  table: ProjectorTable;
  summary: MergedSummary | null;
  scenario: ScenarioInfo;
  memory: StoryMemory;
  headlines: number;
  metricLimit: number;
}) {
  const { lang, t } = useLanguage();
  const { flow } = table;
  const phase = scenario.phases[flow.phase];
  const seated = table.seats.filter((s) => !s.left);
  // The story names a dilemma's options by their labels: the room sees the card while it is open.
  if (table.dilemma) memory.dilemmaOptions.set(table.dilemma.id, new Map(table.dilemma.options.map((o) => [o.id, o.label])));
  const told = flow.stage === "playing" || flow.stage === "role_swap" || flow.stage === "debrief";
  const story = summary && told ? tell({ scenario, seats: table.seats, memory, lang, t }, summary.headlines).filter((l) => !l.minor) : [];
  const decider = table.dilemma && table.dilemma.decidedBy !== "vote" ? roleName(scenario, table.dilemma.decidedBy, lang) : null;
  return (
    <article class={`card projected projected--${flow.stage}`} aria-labelledby={`projected-${table.table}`}>
      <header class="projected__head">
        <div>
          <h2 id={`projected-${table.table}`}>{t.table(table.table)}</h2>
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
        </div>
        <PhaseTimer deadline={table.deadline} paused={flow.paused} pausedSeconds={table.pausedSeconds} size="large" />
      </header>
      {flow.stage === "lobby" ? (
        <p class="projected__players">
          {t.projector.players(seated.length)}: {seated.map((s) => s.name).join(", ") || "—"}
        </p>
      ) : (
        <div class="projected__body">
          <div class="projected__floor">
            {table.dilemma && (
              <section class="room-dilemma" aria-labelledby={`room-dilemma-${table.table}`}>
                <p class="eyebrow">{t.play.dilemma}</p>
                <h3 id={`room-dilemma-${table.table}`}>{pick(table.dilemma.title, lang)}</h3>
                <RoomVote
                  lead={decider ? t.room.decidedBy(decider) : t.room.tableVotes}
                  ballot={table.ballot && table.ballot.subject === "dilemma" && table.ballot.subjectId === table.dilemma.id ? table.ballot : null}
                  options={table.dilemma.options.map((o) => ({ id: o.id, label: pick(o.label, lang) }))}
                />
              </section>
            )}
            {table.ballot && table.ballot.subject === "action" && (
              <section class="room-dilemma" aria-labelledby={`room-ballot-${table.table}`}>
                <p class="eyebrow">{t.play.ballot}</p>
                <h3 id={`room-ballot-${table.table}`}>{t.play.ballotAbout(ballotSubject(actionLabel(scenario, table.ballot.subjectId, lang), t))}</h3>
                <RoomVote
                  lead={null}
                  ballot={table.ballot}
                  options={[
                    { id: "yes", label: t.yes },
                    { id: "no", label: t.no },
                  ]}
                />
              </section>
            )}
            {(flow.stage === "role_swap" || flow.stage === "debrief") && <WordCloud words={table.words} id={`cloud-${table.table}`} />}
            {story.length > 0 && (
              // data-told: how many headlines the round has, of which the fit rule shows the newest `headlines`.
              <section class="room-story" aria-labelledby={`room-story-${table.table}`} data-told={story.length}>
                <h3 id={`room-story-${table.table}`} class="small-heading">
                  {t.room.latest}
                </h3>
                <RoundStory lines={story} newestFirst limit={headlines} />
              </section>
            )}
          </div>
          <MetricList metrics={table.metrics} scenario={scenario} compact limit={metricLimit} />
        </div>
      )}
    </article>
  );
}

/** The lobby's welcome: how many are in, in big figures, and their names as they arrive. */
function RoomLobby({ tables }: { tables: ProjectorTable[] }) {
  const { t } = useLanguage();
  const people = arrivals(tables);
  return (
    <section class="room-lobby" aria-labelledby="room-count">
      <p id="room-count" class="room-lobby__count" aria-live="polite">
        {people.length > 0 ? t.room.playersIn(people.length) : t.room.nobodyYet}
      </p>
      {people.length > 0 && (
        <ul class="room-lobby__names" aria-label={t.room.whoIsIn}>
          {people.map((p) => (
            <li key={p.key} class="room-name">
              {p.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `/projector/{CODE}`: read-only, for the beamer. The QR and who is in while tables wait, then every table's phase, open vote and latest news; the words at a swap. */
export function ProjectorPage({ code }: { code: string }) {
  const { lang, t } = useLanguage();
  const [session, setSession] = useState<ProjectorSession | null>(null);
  const [refused, setRefused] = useState<ProjectorSession | null>(null);
  useTitle(t.pageTitle.projector(session?.title ?? code));
  const feed = useTableFeed<ProjectorTable>();
  const { receive } = feed;
  // Counts the facilitator's new choices for the room told by this host: each makes the debrief screen ask at once.
  const [choices, setChoices] = useState(0);

  const register = useCallback(
    (connection: HubConnection) => {
      connection.on(ProjectorHub.table, receive);
      connection.on(ProjectorHub.showChanged, () => setChoices((n) => n + 1));
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
  const told = shown.reduce((n, table) => n + (feed.summaryOf(table)?.headlines.length ?? 0) + table.words.length + (table.ballot?.votesCast ?? 0), 0);
  const layout = shown.map((table) => `${table.flow.stage}${table.dilemma?.id ?? ""}${table.ballot?.id ?? ""}`).join();
  // Every metric when there is room; at most four on a screen shared by many tables.
  const metricCount = Math.min(scenario?.metrics.length ?? 0, shown.length <= 2 ? Number.POSITIVE_INFINITY : 4);
  // Each step shows one headline fewer (the newest stay), and once one is left, one metric fewer (the first stay).
  const step = useFitStep(told, layout, mostHeadlines - 1 + metricCount);
  const { headlines, metrics: metricLimit } = fitted(step, metricCount);

  return (
    <>
      <TopBar>
        <ConnectionBadge state={hub.state} onRetry={hub.retryNow} />
      </TopBar>
      <main class={`page page--wide projector${anyInLobby ? " projector--lobby" : ""}`} id="main">
        {refused && <Notice tone="error">{explain(refused, lang)}</Notice>}
        {!refused && (!session || !scenario) && <p class="muted">{t.loading}</p>}
        {session && scenario && (
          <>
            <h1 class="projector__title">
              {session.title}
              {session.title !== pick(scenario.title, lang) && <span class="projector__scenario"> · {pick(scenario.title, lang)}</span>}
            </h1>
            {anyInLobby && (
              <div class="room-welcome">
                {session.joinCode && <JoinPoster code={session.joinCode} url={session.joinUrl ?? `${location.origin}/join/${session.joinCode}`} size="large" />}
                <RoomLobby tables={shown} />
              </div>
            )}
            {anyInLobby && session.joinCode && (
              <TableJoinCodes code={session.joinCode} url={session.joinUrl ?? `${location.origin}/join/${session.joinCode}`} tables={session.tables} />
            )}
            <DebriefScreen code={code} scenario={scenario} changed={choices} />
            <div class={`projector__grid projector__grid--${Math.min(shown.length, 4)}`}>
              {shown.map((table) => (
                <ProjectedTable
                  key={table.table}
                  table={table}
                  summary={feed.summaryOf(table)}
                  scenario={scenario}
                  memory={feed.memoryOf(table.table)}
                  headlines={headlines}
                  metricLimit={metricLimit}
                />
              ))}
            </div>
          </>
        )}
      </main>
    </>
  );
}
