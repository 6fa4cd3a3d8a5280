import { useLanguage } from "../i18n";
import type { ScenarioInfo, SeatSummary } from "../protocol";
import { seatedNow } from "../room";
import { roleName } from "../scenario";

/** Who sits at the table: name, role (once the game started), presence, points; not who left (as on the console and projector). */
export function SeatList({ seats, scenario, mySeat, showPoints = true }: { seats: SeatSummary[]; scenario: ScenarioInfo; mySeat?: number; showPoints?: boolean }) {
  const { lang, t } = useLanguage();
  return (
    <ul class="seats">
      {seatedNow(seats).map((s) => {
        const status = s.present ? t.present : t.away;
        return (
          <li key={s.seat} class={`seat${s.present ? "" : " seat--away"}${s.seat === mySeat ? " seat--me" : ""}`}>
            <span class={`presence presence--${s.present ? "present" : "away"}`} aria-hidden="true" />
            <span class="seat__who">
              <span class="seat__name">
                {s.name}
                {s.seat === mySeat && <span class="seat__you"> ({t.you})</span>}
              </span>
              {s.role && <span class="seat__role">{roleName(scenario, s.role, lang)}</span>}
            </span>
            <span class="seat__meta">
              <span class="visually-hidden">, </span>
              {status}
              {showPoints && s.role !== null && <> · {t.points(s.points)}</>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
