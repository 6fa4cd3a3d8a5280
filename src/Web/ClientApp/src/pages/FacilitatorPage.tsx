import type { HubConnection } from "@microsoft/signalr";
import { useCallback, useMemo, useRef, useState } from "preact/hooks";
import { ConnectionBadge, ControlFeedback, type Feedback, LiveRegion, Notice, TopBar } from "../components/Chrome";
import { JoinPoster } from "../components/JoinPoster";
import { MetricList } from "../components/MetricGauge";
import { PhaseTimer } from "../components/PhaseTimer";
import { RoundStory } from "../components/RoundStory";
import { useFeedback } from "../feedback";
import { useHub } from "../hub";
import { formatNumber, pick, useLanguage } from "../i18n";
import {
  type Ack,
  type FacilitatorCommand,
  FacilitatorHub,
  type FacilitatorSession,
  type FacilitatorTable,
  type MoveResult,
  type ScenarioInfo,
  type WorkshopInfo,
  type WorkshopPlayer,
} from "../protocol";
import { explain } from "../refusals";
import { actionLabel, dilemmaTitle, roleName as nameOfRole } from "../scenario";
import { facilitatorKey, newCommandId } from "../storage";
import { emptyMemory, type StoryMemory, tell } from "../story";
import { type MergedSummary, mergeTableSummary, withNewerTable } from "../summary";

/** Sends a console command; `key` names the control so its answer shows next to it. */
type Run = (key: string, table: number | null, command: FacilitatorCommand) => void;

interface ConsoleControls {
  run: Run;
  move: (player: WorkshopPlayer, table: number) => void;
  pending: string | null;
  feedback: Record<string, Feedback>;
  offline: boolean;
}

const tableOf = (sessionId: string) => Number(sessionId.split("/").pop());

function KeyForm({ invalid, onKey }: { invalid: boolean; onKey: (key: string) => void }) {
  const { t } = useLanguage();
  const [key, setKey] = useState("");
  return (
    <section class="card" aria-labelledby="key-heading">
      <h1 id="key-heading" class="card__title">
        {t.facilitator.heading}
      </h1>
      {invalid && (
        <p class="feedback feedback--refused" role="alert">
          {t.facilitator.invalidKey}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onKey(key.trim());
        }}
      >
        <div class="field">
          <label for="facilitator-key">{t.facilitator.keyLabel}</label>
          <p class="field__hint" id="facilitator-key-hint">
            {t.facilitator.keyNeeded}
          </p>
          <input
            id="facilitator-key"
            type="text"
            autoComplete="off"
            spellcheck={false}
            aria-describedby="facilitator-key-hint"
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button--primary" disabled={!key.trim()}>
          {t.facilitator.open}
        </button>
      </form>
    </section>
  );
}

/** The flow buttons, for one table (table = its number) or for all (table = null). */
function FlowButtons({ table, stageOf, scenario, controls }: { table: number | null; stageOf: FacilitatorTable | null; scenario: ScenarioInfo; controls: ConsoleControls }) {
  const { lang, t } = useLanguage();
  const [dilemma, setDilemma] = useState(scenario.dilemmas[0]?.id ?? "");
  const prefix = table === null ? "all" : `t${table}`;
  const flow = stageOf?.flow;
  const stage = flow?.stage;
  // For one table the console offers what fits its stage (the server still decides); for all
  // tables everything is offered and each table answers for itself.
  const fits = {
    start: !flow || stage === "lobby",
    pause: !flow || ((stage === "briefing" || stage === "playing" || stage === "role_swap") && !flow.paused),
    resume: !flow || flow.paused,
    advance: !flow || (stage !== "lobby" && stage !== "ended"),
    timer: !flow || (stage !== "lobby" && stage !== "ended" && !!stageOf?.deadline),
    inject: !flow || stage === "playing",
    end: !flow || (stage !== "lobby" && stage !== "ended"),
  };
  const button = (name: string, label: string, command: FacilitatorCommand, enabled: boolean, primary = false) => (
    <button
      type="button"
      class={`button button--small${primary ? " button--primary" : ""}`}
      disabled={!enabled || controls.offline || controls.pending === `${prefix}:${name}`}
      onClick={() => controls.run(`${prefix}:${name}`, table, command)}
    >
      {label}
    </button>
  );
  const feedbackKeys = Object.keys(controls.feedback).filter((k) => k.startsWith(`${prefix}:`) && !k.startsWith(`${prefix}:assign`));
  const dilemmaId = `dilemma-${prefix}`;
  return (
    <div class="flow-buttons">
      <div class="button-row">
        {button("start", t.facilitator.start, { type: "start", seed: Math.floor(Math.random() * 2147483647) }, fits.start, stage === "lobby" || table === null)}
        {button("advance", t.facilitator.advance, { type: "advance" }, fits.advance, stage === "briefing" || stage === "playing" || stage === "role_swap")}
        {flow?.paused ? button("resume", t.facilitator.resume, { type: "resume" }, fits.resume, true) : button("pause", t.facilitator.pause, { type: "pause" }, fits.pause)}
        {table === null && button("resume", t.facilitator.resume, { type: "resume" }, true)}
        {button("plus", t.facilitator.plusMinute, { type: "extend_timer", seconds: 60 }, fits.timer)}
        {button("minus", t.facilitator.minusMinute, { type: "extend_timer", seconds: -60 }, fits.timer)}
        <button
          type="button"
          class="button button--small button--danger"
          disabled={!fits.end || controls.offline || controls.pending === `${prefix}:end`}
          onClick={() => {
            if (window.confirm(t.facilitator.endConfirm(table === null ? t.facilitator.allTablesName : t.table(table)))) controls.run(`${prefix}:end`, table, { type: "end" });
          }}
        >
          {t.facilitator.end}
        </button>
      </div>
      {scenario.dilemmas.length > 0 && (
        <div class="inline-form">
          <span class="inline-form__pair">
            <label for={dilemmaId}>{t.facilitator.dilemmaLabel}</label>
            <select id={dilemmaId} value={dilemma} onChange={(e) => setDilemma(e.currentTarget.value)}>
              {scenario.dilemmas.map((d) => (
                <option key={d.id} value={d.id}>
                  {pick(d.title, lang)}
                </option>
              ))}
            </select>
          </span>
          {button("inject", t.facilitator.inject, { type: "inject_dilemma", dilemma }, fits.inject && !!dilemma)}
        </div>
      )}
      {feedbackKeys.map((k) => (
        <ControlFeedback key={k} feedback={controls.feedback[k]} />
      ))}
    </div>
  );
}

function TableCard({
  number,
  table,
  summary,
  players,
  tables,
  scenario,
  memory,
  controls,
}: {
  number: number;
  table: FacilitatorTable | null;
  summary: MergedSummary | null;
  players: WorkshopPlayer[];
  tables: number;
  scenario: ScenarioInfo;
  memory: StoryMemory;
  controls: ConsoleControls;
}) {
  const { lang, t } = useLanguage();
  const [assignSeat, setAssignSeat] = useState(0);
  const [assignRole, setAssignRole] = useState(scenario.roles[0]?.id ?? "");
  const flow = table?.flow;
  const phase = flow ? scenario.phases[flow.phase] : undefined;
  const roleName = (id: string | null | undefined) => nameOfRole(scenario, id, lang);
  const seatName = (seat: number) => table?.seats.find((s) => s.seat === seat)?.name ?? `#${seat + 1}`;
  const seats = table?.seats ?? players.map((p) => ({ seat: p.seat, name: p.name, present: false, left: false, role: null, points: 0 }));
  const nextPlan = table && flow && flow.round < scenario.rounds ? table.plan[flow.stage === "lobby" || flow.stage === "briefing" ? 0 : flow.round] : undefined;
  const story = table && summary ? tell({ scenario, seats: table.seats, memory, lang, t }, summary.headlines) : [];
  const inLobby = !flow || flow.stage === "lobby";
  return (
    <article class="card table-card" aria-labelledby={`table-${number}`}>
      <header class="table-card__head">
        <div>
          <h2 id={`table-${number}`} class="card__title">
            {t.table(number)}
          </h2>
          <p class="table-card__stage">
            {flow ? t.stage[flow.stage] : t.loading}
            {flow && (flow.stage === "playing" || flow.stage === "role_swap") && <> · {t.roundOf(flow.round, scenario.rounds)}</>}
            {flow?.stage === "playing" && phase && <> · {pick(phase.label, lang)}</>}
          </p>
        </div>
        {table && <PhaseTimer deadline={table.deadline} paused={table.flow.paused} />}
      </header>

      <FlowButtons table={number} stageOf={table} scenario={scenario} controls={controls} />

      <h3 class="small-heading">
        {t.facilitator.players} ({seats.length})
      </h3>
      {seats.length === 0 ? (
        <p class="muted">{t.facilitator.noPlayers}</p>
      ) : (
        <ul class="console-seats">
          {seats.map((s) => {
            const player = players.find((p) => p.seat === s.seat);
            const status = s.left ? t.left : s.present ? t.present : t.away;
            const moveKey = player ? `move:${player.playerId}` : "";
            return (
              <li key={s.seat} class="console-seat">
                <span class={`presence presence--${s.left ? "left" : s.present ? "present" : "away"}`} aria-hidden="true" />
                <span class="console-seat__who">
                  <strong>{s.name}</strong>
                  <span class="muted">
                    {" "}
                    · {status}
                    {s.role && <> · {roleName(s.role)}</>}
                    {s.role !== null && <> · {t.points(s.points)}</>}
                  </span>
                </span>
                {inLobby && player && tables > 1 && (
                  <MoveControl player={player} tables={tables} pending={controls.pending === moveKey} offline={controls.offline} onMove={controls.move} />
                )}
                {moveKey && <ControlFeedback feedback={controls.feedback[moveKey]} />}
              </li>
            );
          })}
        </ul>
      )}

      {table && !inLobby && table.metrics.length > 0 && <MetricList metrics={table.metrics} scenario={scenario} compact limit={4} />}

      {table && (table.proposals.length > 0 || table.ballot || table.openDilemma) && (
        <>
          <h3 class="small-heading">{t.facilitator.openItems}</h3>
          <ul class="plain-list">
            {table.proposals.map((p) => (
              <li key={`p${p.id}`}>
                {t.facilitator.openProposal(`${seatName(p.fromSeat)} (${roleName(p.fromRole)})`, roleName(p.toRole), actionLabel(scenario, p.action, lang))}
                {p.note && <span class="muted"> — “{p.note}”</span>}
              </li>
            ))}
            {table.ballot && (
              <li>
                {t.facilitator.openBallot(
                  table.ballot.subject === "action" ? actionLabel(scenario, table.ballot.subjectId, lang) : dilemmaTitle(scenario, table.ballot.subjectId, lang),
                  Object.keys(table.ballot.votes).length,
                )}
              </li>
            )}
            {table.openDilemma && <li>{t.facilitator.openDilemma(dilemmaTitle(scenario, table.openDilemma, lang))}</li>}
          </ul>
        </>
      )}

      {table && flow && flow.stage !== "lobby" && flow.stage !== "ended" && flow.stage !== "debrief" && flow.round < scenario.rounds && table.seats.length > 0 && (
        <div class="assign">
          <h3 class="small-heading">{t.facilitator.assignHeading}</h3>
          {nextPlan && (
            <p class="muted">
              {t.facilitator.plan}: {table.seats.map((s) => `${s.name} → ${roleName(nextPlan[s.seat]) || "—"}`).join(", ")}
            </p>
          )}
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              controls.run(`t${number}:assign`, number, { type: "assign_role", seat: assignSeat, role: assignRole });
            }}
          >
            <span class="inline-form__pair">
              <label for={`assign-seat-${number}`}>{t.facilitator.assignSeat}</label>
              <select id={`assign-seat-${number}`} value={assignSeat} onChange={(e) => setAssignSeat(Number(e.currentTarget.value))}>
                {table.seats.map((s) => (
                  <option key={s.seat} value={s.seat}>
                    {s.name}
                  </option>
                ))}
              </select>
            </span>
            <span class="inline-form__pair">
              <label for={`assign-role-${number}`}>{t.facilitator.assignRole}</label>
              <select id={`assign-role-${number}`} value={assignRole} onChange={(e) => setAssignRole(e.currentTarget.value)}>
                {scenario.roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {pick(r.name, lang)}
                  </option>
                ))}
              </select>
            </span>
            <button type="submit" class="button button--small" disabled={controls.offline || controls.pending === `t${number}:assign`}>
              {t.facilitator.assign}
            </button>
          </form>
          <ControlFeedback feedback={controls.feedback[`t${number}:assign`]} />
        </div>
      )}

      {table && table.swapRequests.length > 0 && (
        <>
          <h3 class="small-heading">{t.facilitator.swapRequests}</h3>
          <ul class="plain-list">
            {table.swapRequests.map((r, i) => (
              <li key={i}>
                <strong>{seatName(r.seat)}</strong> → {roleName(r.role)}
                {r.note && <span class="muted"> — “{r.note}”</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      {table && table.reflections.length > 0 && (
        <>
          <h3 class="small-heading">{t.facilitator.reflections}</h3>
          <ul class="plain-list">
            {table.reflections.map((r, i) => (
              <li key={i}>
                <strong>{seatName(r.seat)}</strong>{" "}
                <span class="muted">
                  ({roleName(r.role)}, {t.roundOf(r.round, scenario.rounds).toLowerCase()})
                </span>
                : <em>{r.word}</em>
                {r.text && <span> — “{r.text}”</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      {table && story.length > 0 && (
        <details class="story-details">
          <summary>
            {t.facilitator.story} ({story.length})
          </summary>
          <RoundStory lines={story} newestFirst />
        </details>
      )}
      {table && flow && (flow.stage === "debrief" || flow.stage === "ended") && (
        <p>
          {t.facilitator.communityScore}: <strong>{formatNumber(table.communityScore, lang)}</strong>
        </p>
      )}
    </article>
  );
}

function MoveControl({
  player,
  tables,
  pending,
  offline,
  onMove,
}: {
  player: WorkshopPlayer;
  tables: number;
  pending: boolean;
  offline: boolean;
  onMove: (player: WorkshopPlayer, table: number) => void;
}) {
  const { t } = useLanguage();
  const others = Array.from({ length: tables }, (_, i) => i + 1).filter((n) => n !== player.table);
  const [target, setTarget] = useState(others[0] ?? player.table);
  const id = `move-${player.playerId}`;
  return (
    <form
      class="inline-form inline-form--tight"
      onSubmit={(e) => {
        e.preventDefault();
        onMove(player, target);
      }}
    >
      <label for={id} class="visually-hidden">
        {t.facilitator.moveTo(player.name)}
      </label>
      <select id={id} value={target} onChange={(e) => setTarget(Number(e.currentTarget.value))}>
        {others.map((n) => (
          <option key={n} value={n}>
            {t.table(n)}
          </option>
        ))}
      </select>
      <button type="submit" class="button button--small" disabled={pending || offline}>
        {t.facilitator.move}
      </button>
    </form>
  );
}

/** `/facilitator/{workshopId}`: run every table of the workshop from one screen. */
export function FacilitatorPage({ workshopId }: { workshopId: string }) {
  const { lang, t } = useLanguage();
  const [key, setKey] = useState<string | null>(() => facilitatorKey.get(workshopId));
  const [invalidKey, setInvalidKey] = useState(false);
  const [session, setSession] = useState<FacilitatorSession | null>(null);
  const [workshop, setWorkshop] = useState<WorkshopInfo | null>(null);
  const [tables, setTables] = useState<Record<number, FacilitatorTable>>({});
  const [summaries, setSummaries] = useState<Record<string, MergedSummary>>({});
  const [pending, setPending] = useState<string | null>(null);
  const { feedback, show, clear } = useFeedback();
  const [live, setLive] = useState("");
  const memories = useRef(new Map<number, StoryMemory>());

  const memoryOf = (table: number) => {
    let memory = memories.current.get(table);
    if (!memory) {
      memory = emptyMemory();
      memories.current.set(table, memory);
    }
    return memory;
  };

  const register = useCallback((connection: HubConnection) => {
    connection.on(FacilitatorHub.workshop, (info: WorkshopInfo) => setWorkshop(info));
    connection.on(FacilitatorHub.table, (table: FacilitatorTable) => {
      setTables((all) => withNewerTable(all, table));
      setSummaries((all) => mergeTableSummary(all, table));
    });
  }, []);

  const open = useCallback(
    async (connection: HubConnection) => {
      if (!key) return;
      const answer = await connection.invoke<FacilitatorSession>(FacilitatorHub.open, workshopId, key);
      if (!answer.ok) {
        if (answer.code === "invalid_key") {
          facilitatorKey.clear(workshopId);
          setInvalidKey(true);
          setKey(null);
        }
        return;
      }
      facilitatorKey.set(workshopId, key);
      setInvalidKey(false);
      setSession(answer);
      if (answer.workshop) setWorkshop(answer.workshop);
    },
    [key, workshopId],
  );

  const hub = useHub({ path: FacilitatorHub.path, register, open, enabled: Boolean(key) });
  const scenario = session?.scenario ?? null;

  const tableNumbers = useMemo(() => (workshop ? workshop.sessions.map(tableOf).filter((n) => Number.isFinite(n)) : []), [workshop]);

  const run: Run = useCallback(
    (controlKey, table, command) => {
      setPending(controlKey);
      clear(controlKey);
      hub
        .invoke<Ack[]>(FacilitatorHub.send, table, newCommandId(), command)
        .then((acks) => {
          // One Ack per table, in the order of the workshop's sessions (all tables) or the one table.
          const targets = table === null ? tableNumbers : [table];
          // A refusal of the hub itself (not open, too fast) is one Ack for the whole send, not table 1's.
          const whole = table === null && acks.length === 1 && targets.length > 1;
          const refused = acks
            .map((ack, i) => ({ ack, table: targets[i] ?? i + 1 }))
            .filter(({ ack }) => !ack.accepted)
            .map(({ ack, table: n }) => (whole ? explain(ack, lang) : t.facilitator.refusedAt(n, explain(ack, lang))));
          if (refused.length > 0) {
            const text = refused.join(" ");
            show(controlKey, { kind: "refused", text });
            setLive(`${t.refused} ${text}`);
          }
        })
        .catch(() => show(controlKey, { kind: "failed", text: t.sendFailed }))
        .finally(() => setPending(null));
    },
    [hub.invoke, tableNumbers, t, lang, show, clear],
  );

  const move = useCallback(
    (player: WorkshopPlayer, table: number) => {
      const controlKey = `move:${player.playerId}`;
      setPending(controlKey);
      clear(controlKey);
      hub
        .invoke<MoveResult>(FacilitatorHub.movePlayer, player.playerId, table)
        .then((result) => {
          if (!result.moved) {
            const text = explain(result, lang);
            show(controlKey, { kind: "refused", text });
            setLive(`${t.refused} ${text}`);
          }
        })
        .catch(() => show(controlKey, { kind: "failed", text: t.sendFailed }))
        .finally(() => setPending(null));
    },
    [hub.invoke, t, lang, show, clear],
  );

  const controls: ConsoleControls = { run, move, pending, feedback, offline: hub.state !== "connected" };

  const bar = <TopBar>{key && <ConnectionBadge state={hub.state} onRetry={hub.retryNow} />}</TopBar>;

  if (!key) {
    return (
      <>
        {bar}
        <main class="page page--narrow" id="main">
          <KeyForm
            invalid={invalidKey}
            onKey={(entered) => {
              setInvalidKey(false);
              setKey(entered);
            }}
          />
        </main>
      </>
    );
  }

  if (!session || !workshop || !scenario) {
    return (
      <>
        {bar}
        <main class="page" id="main">
          <p class="muted">{t.loading}</p>
        </main>
      </>
    );
  }

  const joinUrl = session.joinUrl ?? `${location.origin}/join/${workshop.joinCode}`;
  const playersAt = (table: number) => workshop.players.filter((p) => p.table === table);
  const summaryOf = (table: FacilitatorTable | undefined) => (table ? (summaries[table.sessionId] ?? null) : null);

  return (
    <>
      {bar}
      <main class="page page--wide console" id="main">
        <div class="console__head">
          <div>
            <p class="eyebrow">{t.facilitator.heading}</p>
            <h1>{workshop.title}</h1>
            <p class="lead">
              {/* A workshop without a title of its own is named after its scenario: say it once. */}
              {workshop.title === scenario.title.nl || workshop.title === scenario.title.en ? "" : `${pick(scenario.title, lang)} · `}
              {t.facilitator.playersTotal(workshop.players.length)}
            </p>
            <p>
              <a href={`/projector/${workshop.joinCode}`} target="_blank" rel="noopener">
                {t.facilitator.projector}
              </a>
            </p>
          </div>
          <JoinPoster code={workshop.joinCode} url={joinUrl} />
        </div>

        {tableNumbers.length > 1 && (
          <section class="card all-tables" aria-labelledby="all-tables">
            <h2 id="all-tables" class="card__title">
              {t.facilitator.allTables}
            </h2>
            <FlowButtons table={null} stageOf={null} scenario={scenario} controls={controls} />
          </section>
        )}

        <div class="table-grid">
          {tableNumbers.map((n) => (
            <TableCard
              key={n}
              number={n}
              table={tables[n] ?? null}
              summary={summaryOf(tables[n])}
              players={playersAt(n)}
              tables={tableNumbers.length}
              scenario={scenario}
              memory={memoryOf(n)}
              controls={controls}
            />
          ))}
        </div>
        {tableNumbers.length === 0 && <Notice>{t.loading}</Notice>}
      </main>
      <LiveRegion message={live} />
    </>
  );
}
