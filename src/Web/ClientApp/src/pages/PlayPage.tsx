import type { HubConnection } from "@microsoft/signalr";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ActionsSection } from "../components/ActionList";
import { BallotCard } from "../components/BallotCard";
import { ConnectionBadge, LiveRegion, Notice, TopBar } from "../components/Chrome";
import type { Controls } from "../components/controls";
import { DilemmaCard } from "../components/DilemmaCard";
import { Messages } from "../components/Messages";
import { MetricList } from "../components/MetricGauge";
import { MetricRows } from "../components/MetricRows";
import { MyDebrief } from "../components/MyDebrief";
import { HandoverTips, NewRoleCard, NowBlock } from "../components/NowBlock";
import { PhaseTimer } from "../components/PhaseTimer";
import { PointsPanel } from "../components/PointsPanel";
import { ProposalList } from "../components/ProposalList";
import { RoleCard } from "../components/RoleCard";
import { HandoverForm, NextRoleCard, ReflectionForm, RoleRequest } from "../components/RoleSwap";
import { RoundStory } from "../components/RoundStory";
import { SeatList } from "../components/SeatList";
import { useGapReopen } from "../delta";
import { useFeedback } from "../feedback";
import { retryIfUnavailable, useHub } from "../hub";
import { asLanguage, pick, type Strings, useLanguage } from "../i18n";
import { asksAnswer, myDilemma, nowItems, actionBallot as openActionBallot, roleSeen } from "../now";
import { type Ack, type PlayerCommand, PlayerHub, type PlayerSession, type PlayerUpdate, type RoleBrief, type ScenarioInfo, type SeatView } from "../protocol";
import { explain } from "../refusals";
import { followLink } from "../router";
import { type HeldUpdate, mergeUpdate } from "../seatView";
import { handoverTips, newCommandId, seatToken, seenRole } from "../storage";
import { emptyMemory, type StoryLine, type StoryMemory, tell } from "../story";
import { type MergedSummary, mergeSummary } from "../summary";
import { useTitle } from "../title";

/** What changed for this player between two views, as one sentence for the live region. */
function announce(before: SeatView | null, after: SeatView, scenario: ScenarioInfo, t: Strings, lang: "nl" | "en"): string | null {
  if (!before) return null;
  if (before.flow.stage !== after.flow.stage) return t.play.liveStage(t.stage[after.flow.stage]);
  if (before.flow.paused !== after.flow.paused) return after.flow.paused ? t.paused : t.play.liveStage(t.stage[after.flow.stage]);
  if (before.flow.phase !== after.flow.phase || before.flow.round !== after.flow.round) {
    const phase = scenario.phases[after.flow.phase];
    return t.play.liveNewPhase(phase ? pick(phase.label, lang) : String(after.flow.phase + 1));
  }
  const newProposal = after.proposals.some((p) => p.mineToAnswer && !before.proposals.some((q) => q.id === p.id && q.mineToAnswer));
  if (newProposal) return t.play.liveProposal;
  if (after.dilemma && before.dilemma?.id !== after.dilemma.id) return t.play.liveDilemma;
  if (after.ballot && before.ballot?.id !== after.ballot.id) return t.play.liveBallot;
  return null;
}

/** Keeps what a headline refers to by id (a dilemma's options). */
function remember(memory: StoryMemory, view: SeatView): void {
  if (view.dilemma) memory.dilemmaOptions.set(view.dilemma.id, new Map(view.dilemma.options.map((o) => [o.id, o.label])));
}

/** Keeps a role's brief by role id, and its resource labels for the story. */
function keepBrief(briefs: Map<string, RoleBrief>, memory: StoryMemory, brief: RoleBrief): void {
  briefs.set(brief.id, brief);
  for (const r of brief.resources) memory.resources.set(`${brief.id}.${r.id}`, r.label);
}

/** What a taken command confirms, by its control: the role-swap forms' answers stay; a vote, a choice, an answer or an action is confirmed for a while. */
const savedMessage = (key: string, t: Strings): string | null =>
  key === "handover"
    ? t.play.handoverSaved
    : key === "reflect"
      ? t.play.reflectSaved
      : key === "request"
        ? t.play.requestSaved
        : key.startsWith("ballot:")
          ? t.play.voteCounted
          : key.startsWith("dilemma:")
            ? t.play.choiceRecorded
            : key.startsWith("proposal:")
              ? t.play.answerSent
              : key.startsWith("act:")
                ? t.play.actionDone
                : null;

/** The confirmations that stay beside their form (the others would go stale next phase). */
const lasting = new Set(["handover", "reflect", "request"]);

/** `/play/{CODE}`: the player's whole game on a phone. */
export function PlayPage({ code }: { code: string }) {
  const { lang, t, suggest } = useLanguage();
  const token = seatToken.get(code);
  const [session, setSession] = useState<PlayerSession | null>(null);
  const [refusedSeat, setRefusedSeat] = useState<PlayerSession | null>(null);
  const [update, setUpdate] = useState<HeldUpdate | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  // The table the facilitator moved this player to: the page says so until the next move.
  const [movedTo, setMovedTo] = useState<number | null>(null);
  const { feedback, show, clear } = useFeedback();
  const feedbackNow = useRef(feedback);
  feedbackNow.current = feedback;
  const [live, setLive] = useState("");
  useEffect(() => {
    if (movedTo !== null) setLive(t.play.moved(movedTo));
  }, [movedTo, t]);
  const latest = useRef<HeldUpdate | null>(null);
  const memory = useRef<StoryMemory>(emptyMemory());
  // A role's brief comes once, with the first update that shows the role to this page; kept by role id.
  const briefs = useRef(new Map<string, RoleBrief>());
  const summary = useRef<MergedSummary | null>(null);

  const reopen = useRef<() => void>(() => undefined);
  // After a delta that did not fit on the view held: re-open, unless the whole view on its way comes first.
  const gap = useGapReopen(() => reopen.current());
  const [acknowledged, setAcknowledged] = useState<string | null>(() => seenRole.get(code));
  const acknowledge = useCallback(
    (role: string) => {
      seenRole.set(code, role);
      setAcknowledged(role);
    },
    [code],
  );
  // A short cue when the phase changes: a buzz where the phone allows it, and a highlight (still, with reduced motion).
  const [cue, setCue] = useState(0);
  useEffect(() => {
    if (!cue) return;
    const done = setTimeout(() => setCue(0), 4000);
    return () => clearTimeout(done);
  }, [cue]);

  const register = useCallback(
    (connection: HubConnection) => {
      connection.on(PlayerHub.moved, (table: number) => {
        setMovedTo(table);
        // Another table, another session and its own versions: start from the new table's picture.
        latest.current = null;
        reopen.current();
      });
      connection.on(PlayerHub.update, (next: PlayerUpdate) => {
        // A role's texts do not change: even an overtaken update's brief is good to keep.
        if (next.brief) keepBrief(briefs.current, memory.current, next.brief);
        const current = latest.current;
        // A delta on a view this page does not hold: drop it, and unless the whole view on its way comes
        // first, re-open for one (once per few seconds). Pushes may overtake each other; within one table
        // the higher version wins. A move to another table (in the lobby) starts a new session with its own versions.
        const merged = mergeUpdate(current, next);
        if (merged === null) {
          gap.missed();
          return;
        }
        if (merged === current) return;
        if (next.after === 0) gap.whole();
        latest.current = merged;
        summary.current = mergeSummary(summary.current, next);
        remember(memory.current, merged.view);
        setUpdate(merged);
      });
    },
    [gap.missed, gap.whole],
  );

  const open = useCallback(
    async (connection: HubConnection) => {
      if (!token) return;
      const answer = await connection.invoke<PlayerSession>(PlayerHub.resume, token, latest.current?.version ?? 0);
      retryIfUnavailable(answer);
      if (!answer.ok) {
        if (answer.code === "invalid_token") setRefusedSeat(answer);
        return;
      }
      setSession(answer);
      const language = asLanguage(answer.language);
      if (language) suggest(language);
    },
    [token, suggest],
  );

  const hub = useHub({ path: PlayerHub.path, register, open, enabled: Boolean(token) && !refusedSeat });
  reopen.current = hub.reopen;

  const scenario = session?.scenario ?? null;
  const view = update?.view ?? null;
  useTitle(view ? t.pageTitle.play(t.stage[view.flow.stage], session?.name ?? "") : t.pageTitle.join(code));
  const brief = (view?.role && briefs.current.get(view.role.id)) ?? null;
  const held = summary.current;

  // Announce what changed (politely, for screen readers), comparing with the previous view.
  const previous = useRef<SeatView | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: announced when the view changes, not when the person switches language
  useEffect(() => {
    if (!view || !scenario) return;
    const message = announce(previous.current, view, scenario, t, lang);
    const before = previous.current;
    if (before && (before.flow.stage !== view.flow.stage || before.flow.phase !== view.flow.phase || before.flow.round !== view.flow.round)) {
      setCue(Date.now());
      // "Done" belongs to the phase it was said in: a new phase starts without old confirmations beside its actions.
      for (const key of Object.keys(feedbackNow.current)) if (key.startsWith("act:")) clear(key);
      // Phones that allow it buzz briefly; a browser without a user gesture yet refuses quietly.
      if (typeof navigator.vibrate === "function") navigator.vibrate(120);
    }
    previous.current = view;
    if (message) setLive(message);
  }, [view, scenario]);

  const send = useCallback(
    (key: string, command: PlayerCommand) => {
      const seen = latest.current;
      if (!seen) return;
      setPending(key);
      clear(key);
      const id = newCommandId();
      // Only an answer is about what this phone saw (the proposal as it stood): it carries the version seen,
      // so a proposal that changed meanwhile is refused as stale. Every other command the rules judge on the
      // table as it is now, so another seat's move (or a bot's) in between does not refuse it.
      const expected = command.type === "answer_proposal" ? seen.version : null;
      // "unavailable" and "storage_unavailable" changed nothing, and after "storage_unknown" the table
      // answers the same id as taken if it was: the same id is safe to send again.
      const attempt = async (tries: number): Promise<Ack> => {
        const ack = await hub.invoke<Ack>(PlayerHub.send, id, expected, command);
        if (!ack.accepted && tries > 0 && (ack.code === "unavailable" || ack.code === "storage_unavailable" || ack.code === "storage_unknown")) {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          return attempt(tries - 1);
        }
        return ack;
      };
      attempt(2)
        .then((ack) => {
          if (ack.accepted) {
            const saved = savedMessage(key, t);
            if (saved) {
              show(key, { kind: "done", text: saved, say: (now) => savedMessage(key, now) ?? saved }, !lasting.has(key));
              setLive(saved);
            }
          } else {
            const text = explain(ack, lang);
            show(key, { kind: "refused", text, say: (_, now) => explain(ack, now) });
            setLive(`${t.refused} ${text}`);
          }
        })
        .catch(() => {
          show(key, { kind: "failed", text: t.sendFailed, say: (now) => now.sendFailed });
          setLive(t.sendFailed);
        })
        .finally(() => setPending(null));
    },
    [hub.invoke, t, lang, show, clear],
  );

  const controls: Controls = { send, pending, feedback, offline: hub.state !== "connected" };

  // The tips for my next role come with the swap only: keep them for the round they are for.
  const nextRole = view?.next ?? null;
  const swapRound = view?.flow.round ?? 0;
  useEffect(() => {
    if (nextRole) handoverTips.set(code, { round: swapRound + 1, role: nextRole.id, notes: nextRole.handoverNotes });
  }, [nextRole, swapRound, code]);
  const seen = view ? roleSeen(view.flow.round, view.role?.id ?? null, acknowledged) : false;
  // A role seen (the first round's, or kept at a swap) counts as acknowledged, so a same role later asks nothing.
  const heldRole = view?.role?.id ?? null;
  useEffect(() => {
    if (seen && heldRole && view?.flow.stage === "playing" && acknowledged !== heldRole) acknowledge(heldRole);
  }, [seen, heldRole, view?.flow.stage, acknowledged, acknowledge]);

  const story = useMemo(() => {
    if (!update || !scenario || !held) return [];
    return tell({ scenario, seats: update.view.seats, memory: memory.current, lang, t }, held.headlines);
  }, [update, held, scenario, lang, t]);

  const bar = (
    <TopBar>
      <ConnectionBadge state={hub.state} onRetry={hub.retryNow} />
    </TopBar>
  );

  if (!token || refusedSeat) {
    return (
      <>
        {bar}
        <main class="page page--narrow" id="main">
          <Notice tone={refusedSeat ? "error" : "info"}>
            <p>{refusedSeat ? explain(refusedSeat, lang) : t.play.noToken}</p>
            <p>
              <a class="button button--primary" href={`/join/${code}`} onClick={(e) => followLink(e, `/join/${code}`)}>
                {t.play.signUp}
              </a>
            </p>
          </Notice>
        </main>
      </>
    );
  }

  if (!session || !scenario || !view || !update) {
    return (
      <>
        {bar}
        <main class="page page--narrow" id="main">
          <p class="muted">{t.loading}</p>
        </main>
        <LiveRegion message={live} />
      </>
    );
  }

  const me = view.seats.find((s) => s.seat === view.seat);
  const myName = me?.name ?? session.name ?? "";
  const table = Number(update.sessionId.split("/").pop()) || session.table;
  const stage = view.flow.stage;
  const phase = scenario.phases[view.flow.phase];
  const storyRound = held?.round || view.flow.round;
  const items = nowItems(view, seen);
  const mine = myDilemma(view);
  const actionBallot = openActionBallot(view);
  const toAnswer = view.proposals.filter((p) => p.mineToAnswer);
  const waiting = view.proposals.filter((p) => !p.mineToAnswer);
  const otherDilemma = view.dilemma && !mine ? view.dilemma : null;
  const kept = handoverTips.get(code);
  const tips = kept && kept.round === view.flow.round && kept.role === view.role?.id ? kept.notes : [];

  return (
    <>
      {bar}
      <main class="page page--narrow play" id="main">
        <div class={`status-strip${cue ? " status-strip--cue" : ""}`}>
          <div class="status-strip__where">
            <span class="status-strip__name">{myName}</span>
            <span>
              {t.table(table)}
              {(stage === "playing" || stage === "role_swap") && <> · {t.roundOf(view.flow.round, scenario.rounds)}</>}
            </span>
            {stage === "playing" && phase && (
              <span class="status-strip__phase">
                {pick(phase.label, lang)}
                <span class="muted"> ({t.phaseOf(view.flow.phase + 1, scenario.phases.length)})</span>
              </span>
            )}
            {stage !== "playing" && <span class="status-strip__phase">{t.stage[stage]}</span>}
            {cue > 0 && (
              <span class="status-strip__cue" aria-hidden="true">
                {t.now.newPhase}
              </span>
            )}
          </div>
          <PhaseTimer deadline={view.deadline} paused={view.flow.paused} pausedSeconds={view.pausedSeconds} />
        </div>

        {movedTo !== null && <Notice>{t.play.moved(movedTo)}</Notice>}

        <Messages messages={view.messages} seat={view.seat} />
        {view.flow.paused && (
          <Notice>
            <strong>{t.paused}.</strong> {t.pausedNote}
          </Notice>
        )}

        {stage === "lobby" && (
          <>
            <h1>{t.play.welcome(myName, table)}</h1>
            <p class="lead">{t.play.waitForStart}</p>
            <section class="card" aria-labelledby="table-heading">
              <h2 id="table-heading" class="card__title">
                {t.play.atTable}
              </h2>
              <SeatList seats={view.seats} scenario={scenario} mySeat={view.seat} showPoints={false} />
            </section>
            <section class="card card--quiet" aria-labelledby="scenario-heading">
              <h2 id="scenario-heading" class="card__title">
                {pick(scenario.title, lang)}
              </h2>
              <p>{pick(scenario.summary, lang)}</p>
            </section>
          </>
        )}

        {stage === "briefing" && (
          <>
            <h1>{pick(scenario.title, lang)}</h1>
            <p class="lead">{t.play.briefing}</p>
            {view.role ? <RoleCard role={view.role} brief={brief} scenario={scenario} open /> : <Notice>{t.play.noRole}</Notice>}
            <section class="card card--quiet" aria-labelledby="summary-heading">
              <h2 id="summary-heading" class="visually-hidden">
                {pick(scenario.title, lang)}
              </h2>
              <p>{pick(scenario.summary, lang)}</p>
            </section>
            <MetricsSection view={view} scenario={scenario} showChange={false} />
            <TableSection view={view} scenario={scenario} />
            <MyDebrief token={token} scenario={scenario} />
          </>
        )}

        {stage === "playing" && (
          <>
            <h1 class="visually-hidden">
              {pick(scenario.title, lang)}: {t.roundOf(view.flow.round, scenario.rounds)}
            </h1>
            <NowBlock items={items}>
              {view.role && !seen ? (
                <NewRoleCard role={view.role} brief={brief} scenario={scenario} tips={tips} onSeen={() => view.role && acknowledge(view.role.id)} />
              ) : (
                <div class="stack">
                  {toAnswer.length > 0 && <ProposalList proposals={toAnswer} seats={view.seats} mySeat={view.seat} scenario={scenario} controls={controls} />}
                  {mine && <DilemmaCard dilemma={mine} ballot={view.ballot} seats={view.seats} scenario={scenario} controls={controls} />}
                  {actionBallot && <BallotCard ballot={actionBallot} scenario={scenario} controls={controls} />}
                </div>
              )}
            </NowBlock>
            <ActionsSection
              // A new phase or a new question folds them again, even if the player opened them for the last one.
              foldKey={`${view.flow.round}.${view.flow.phase}.${items.filter(asksAnswer).join()}`}
              phaseKey={`${view.flow.round}.${view.flow.phase}`}
              actions={view.actions}
              brief={brief}
              scenario={scenario}
              controls={controls}
              folded={items.some(asksAnswer)}
            />
            {(otherDilemma || waiting.length > 0) && (
              <section class="stack" aria-labelledby="at-table-heading">
                <h2 id="at-table-heading" class="section-title">
                  {t.now.atTable}
                </h2>
                {otherDilemma && <DilemmaCard dilemma={otherDilemma} ballot={view.ballot} seats={view.seats} scenario={scenario} controls={controls} />}
                {waiting.length > 0 && <ProposalList proposals={waiting} seats={view.seats} mySeat={view.seat} scenario={scenario} controls={controls} />}
              </section>
            )}
            {seen && (view.role ? <RoleCard role={view.role} brief={brief} scenario={scenario} open={false} /> : <Notice>{t.play.noRole}</Notice>)}
            {seen && <HandoverTips notes={tips} />}
            <MetricsSection view={view} scenario={scenario} showChange compact />
            <StorySection title={t.play.roundStoryNow(storyRound)} lines={story} newestFirst folded />
            <TableSection view={view} scenario={scenario} folded />
          </>
        )}

        {stage === "role_swap" && (
          <>
            <h1 class="visually-hidden">{t.play.swapHeading}</h1>
            {view.next && (
              <NextRoleCard next={view.next} current={view.role} scenario={scenario} seen={acknowledged === view.next.id} onSeen={() => view.next && acknowledge(view.next.id)} />
            )}
            {view.role && <HandoverForm current={view.role} scenario={scenario} controls={controls} />}
            <ReflectionForm scenario={scenario} controls={controls} />
            <StorySection title={t.play.roundStory(storyRound)} lines={story} />
            <PointsPanel points={view.points} achievements={view.achievements} communityScore={view.communityScore} scenario={scenario} />
            <MetricsSection view={view} scenario={scenario} showChange />
            <RoleRequest scenario={scenario} controls={controls} />
          </>
        )}

        {stage === "debrief" && (
          <>
            <h1>{t.stage.debrief}</h1>
            <p class="lead">{t.play.debrief}</p>
            <PointsPanel points={view.points} achievements={view.achievements} communityScore={view.communityScore} scenario={scenario} />
            <ReflectionForm scenario={scenario} controls={controls} />
            <StorySection title={t.play.roundStory(storyRound)} lines={story} />
            <MetricsSection view={view} scenario={scenario} showChange />
            <MyDebrief token={token} scenario={scenario} />
          </>
        )}

        {stage === "ended" && (
          <>
            <h1>{t.stage.ended}</h1>
            <p class="lead">{t.play.ended}</p>
            <PointsPanel points={view.points} achievements={view.achievements} communityScore={view.communityScore} scenario={scenario} />
            <MetricsSection view={view} scenario={scenario} showChange={false} />
            <TableSection view={view} scenario={scenario} />
            <MyDebrief token={token} scenario={scenario} />
          </>
        )}
      </main>
      <LiveRegion message={live} />
    </>
  );
}

/** The shared metrics under their heading; the same section in every stage. */
function MetricsSection({ view, scenario, showChange, compact = false }: { view: SeatView; scenario: ScenarioInfo; showChange: boolean; compact?: boolean }) {
  const { t } = useLanguage();
  return (
    <section aria-labelledby="metrics-heading" class={compact ? "play__metrics" : undefined}>
      <h2 id="metrics-heading" class="section-title">
        {t.play.metrics}
      </h2>
      {compact ? (
        <MetricRows metrics={view.metrics} scenario={scenario} caption={t.play.metrics} />
      ) : (
        <MetricList metrics={view.metrics} scenario={scenario} showChange={showChange} />
      )}
    </section>
  );
}

/** The round's story under its heading; the newest line first while the round is played. */
function StorySection({
  title,
  lines,
  newestFirst = false,
  limit,
  folded = false,
}: {
  title: string;
  lines: StoryLine[];
  newestFirst?: boolean;
  limit?: number;
  folded?: boolean;
}) {
  // While playing the story folds away under its title: the page is for what to do now.
  if (folded) {
    return (
      <details class="card fold">
        <summary class="card__title">
          {title} ({lines.filter((l) => !l.minor).length})
        </summary>
        <RoundStory lines={lines} newestFirst={newestFirst} limit={limit} />
      </details>
    );
  }
  return (
    <section class="card" aria-labelledby="story-heading">
      <h2 id="story-heading" class="card__title">
        {title}
      </h2>
      <RoundStory lines={lines} newestFirst={newestFirst} limit={limit} />
    </section>
  );
}

/** Who sits at my table; the same card in every stage. */
function TableSection({ view, scenario, folded = false }: { view: SeatView; scenario: ScenarioInfo; folded?: boolean }) {
  const { t } = useLanguage();
  if (folded) {
    return (
      <details class="card fold">
        <summary class="card__title">
          {t.play.atTable} ({view.seats.filter((s) => !s.left).length})
        </summary>
        <SeatList seats={view.seats} scenario={scenario} mySeat={view.seat} />
      </details>
    );
  }
  return (
    <section class="card" aria-labelledby="table-heading">
      <h2 id="table-heading" class="card__title">
        {t.play.atTable}
      </h2>
      <SeatList seats={view.seats} scenario={scenario} mySeat={view.seat} />
    </section>
  );
}
