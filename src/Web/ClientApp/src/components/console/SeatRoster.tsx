import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { useLanguage } from "../../i18n";
import type { BotKind, FacilitatorTable, ScenarioInfo, SeatingMode, SeatSummary, WorkshopPlayer } from "../../protocol";
import { tableIsFull } from "../../room";
import { roleName } from "../../scenario";
import { ControlFeedback } from "../Chrome";
import { TableJoinCodes } from "../TableJoinCodes";

const botKinds: BotKind[] = ["cooperative", "greedy", "random"];

/** How players join: the code, the join link, and whether they pick their table. */
export interface JoinLink {
  code: string;
  url: string;
  seating: SeatingMode;
}

/** Moves a player to another table: in the lobby, or between rounds (a running table seats them as a late arrival). */
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

/** Who plays a seat: its player, or a bot of one kind (set_bot). */
function BotControl({ number, seat, controls }: { number: number; seat: SeatSummary; controls: ConsoleControls }) {
  const { t } = useLanguage();
  const id = `bot-${number}-${seat.seat}`;
  const key = `bot:${number}:${seat.seat}`;
  return (
    <span class="inline-form inline-form--tight">
      <label for={id} class="visually-hidden">
        {t.seating.whoPlays(seat.name)}
      </label>
      <select
        id={id}
        value={seat.bot ?? ""}
        disabled={controls.pending === key || controls.offline}
        onChange={(e) => {
          const kind = (e.currentTarget.value || null) as BotKind | null;
          controls.run(key, number, { type: "set_bot", seat: seat.seat, kind });
        }}
      >
        <option value="">{t.seating.human}</option>
        {botKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t.seating.botOf(t.seating.botKinds[kind])}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * Who sits at a table: present or away, played by a bot or not, their role and points. The facilitator
 * moves a player to another table, removes one, lets a bot play a seat, seats a bot or fills the empty
 * seats with bots; when players pick their table, this table's link and QR code. A seat whose player
 * left is not listed (the story still names it). Before the table's first push, the workshop's players for it.
 */
export function SeatRoster({
  number,
  table,
  players,
  tables,
  scenario,
  controls,
  join,
}: {
  /** The table's number (before its first push too). */
  number?: number | undefined;
  table: FacilitatorTable | null;
  players: WorkshopPlayer[];
  tables: number;
  scenario: ScenarioInfo;
  controls: ConsoleControls;
  join?: JoinLink | undefined;
}) {
  const { lang, t } = useLanguage();
  const seats: SeatSummary[] = (table?.seats ?? players.map((p) => ({ seat: p.seat, name: p.name, present: false, left: false, role: null, points: 0, bot: null }))).filter(
    (s) => !s.left,
  );
  const stage = table?.flow.stage ?? "lobby";
  const open = stage !== "debrief" && stage !== "ended";
  const tableNumber = table?.table ?? number;
  const addKey = `add_bot:${tableNumber}`;
  const fillKey = `fill_bots:${tableNumber}`;
  // A full table refuses one more seat (table_full): the bot buttons say so instead of being refused.
  const full = table !== null && tableIsFull(table.seats, scenario.maxPlayers);
  const fullId = `table-full-${tableNumber}`;
  return (
    <>
      <h3 class="small-heading">
        {t.facilitator.players} ({seats.length})
      </h3>
      {seats.length === 0 ? (
        <p class="muted">{t.facilitator.noPlayers}</p>
      ) : (
        <ul class="console-seats">
          {seats.map((s) => {
            const player = players.find((p) => p.seat === s.seat);
            const presence = s.present ? "present" : "away";
            const moveKey = player ? `move:${player.playerId}` : "";
            const removeKey = `remove:${tableNumber}:${s.seat}`;
            const botKey = `bot:${tableNumber}:${s.seat}`;
            return (
              <li key={s.seat} class="console-seat">
                <span class={`presence presence--${presence}`} aria-hidden="true" />
                <span class="console-seat__who">
                  <strong>{s.name}</strong>
                  <span class="muted">
                    {" "}
                    · {s.bot ? t.seating.botOf(t.seating.botKinds[s.bot]) : t[presence]}
                    {s.role && <> · {roleName(scenario, s.role, lang)}</>}
                    {s.role !== null && <> · {t.points(s.points)}</>}
                  </span>
                </span>
                <span class="console-seat__controls">
                  {open && table && tableNumber !== undefined && (
                    <>
                      <BotControl number={tableNumber} seat={s} controls={controls} />
                      <button
                        type="button"
                        class="button button--small"
                        aria-label={t.seating.removeLabel(s.name)}
                        disabled={controls.pending === removeKey || controls.offline}
                        onClick={() => {
                          if (window.confirm(t.seating.removeConfirm(s.name))) controls.run(removeKey, tableNumber, { type: "leave_seat", seat: s.seat });
                        }}
                      >
                        {t.seating.remove}
                      </button>
                    </>
                  )}
                  {open && player && tables > 1 && (
                    <MoveControl player={player} tables={tables} pending={controls.pending === moveKey} offline={controls.offline} onMove={controls.move} />
                  )}
                </span>
                {moveKey && <ControlFeedback feedback={controls.feedback[moveKey]} />}
                <ControlFeedback feedback={controls.feedback[removeKey]} />
                <ControlFeedback feedback={controls.feedback[botKey]} />
              </li>
            );
          })}
        </ul>
      )}
      {open && table && tableNumber !== undefined && (
        <div class="button-row">
          <button
            type="button"
            class="button button--small"
            disabled={full || controls.pending === addKey || controls.offline}
            aria-describedby={full ? fullId : undefined}
            onClick={() => controls.run(addKey, tableNumber, { type: "add_bot", kind: null })}
          >
            {t.seating.addBot}
          </button>
          <button
            type="button"
            class="button button--small"
            disabled={full || controls.pending === fillKey || controls.offline}
            aria-describedby={full ? fullId : undefined}
            onClick={() => controls.run(fillKey, tableNumber, { type: "fill_bots", kind: null })}
          >
            {t.seating.fillBots}
          </button>
          {full && (
            <p id={fullId} class="muted">
              {t.seating.tableFull(scenario.maxPlayers)}
            </p>
          )}
          <ControlFeedback feedback={controls.feedback[addKey]} />
          <ControlFeedback feedback={controls.feedback[fillKey]} />
        </div>
      )}
      {open && join && tableNumber !== undefined && <TableJoinCodes code={join.code} url={join.url} seating={join.seating} only={tableNumber} />}
    </>
  );
}
