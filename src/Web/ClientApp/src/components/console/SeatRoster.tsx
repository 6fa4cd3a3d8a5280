import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo, SeatSummary, WorkshopPlayer } from "../../protocol";
import { roleName } from "../../scenario";
import { ControlFeedback } from "../Chrome";

/** Moves a player who waits in the lobby to another table. */
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

/**
 * Who sits at a table: present, away or left, their role and points; in the lobby, a way to move
 * each to another table. Before the table's first push, the workshop's players for it.
 */
export function SeatRoster({
  table,
  players,
  tables,
  scenario,
  controls,
}: {
  table: FacilitatorTable | null;
  players: WorkshopPlayer[];
  tables: number;
  scenario: ScenarioInfo;
  controls: ConsoleControls;
}) {
  const { lang, t } = useLanguage();
  const seats: SeatSummary[] = table?.seats ?? players.map((p) => ({ seat: p.seat, name: p.name, present: false, left: false, role: null, points: 0 }));
  const inLobby = !table || table.flow.stage === "lobby";
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
            const presence = s.left ? "left" : s.present ? "present" : "away";
            const moveKey = player ? `move:${player.playerId}` : "";
            return (
              <li key={s.seat} class="console-seat">
                <span class={`presence presence--${presence}`} aria-hidden="true" />
                <span class="console-seat__who">
                  <strong>{s.name}</strong>
                  <span class="muted">
                    {" "}
                    · {t[presence]}
                    {s.role && <> · {roleName(scenario, s.role, lang)}</>}
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
    </>
  );
}
