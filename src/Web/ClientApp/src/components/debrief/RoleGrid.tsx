import { useLanguage } from "../../i18n";
import type { ScenarioInfo, SeatHistory } from "../../protocol";
import { roleName } from "../../scenario";

/** Seat × round: the role each seat held and the points it scored that round; the total at the end. */
export function RoleGrid({ seats, rounds, scenario, caption }: { seats: SeatHistory[]; rounds: number[]; scenario: ScenarioInfo; caption: string }) {
  const { lang, t } = useLanguage();
  return (
    <div class="table-scroll">
      <table class="data-table role-grid">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.debrief.player}</th>
            {rounds.map((r) => (
              <th key={r} scope="col">
                {t.debrief.round(r)}
              </th>
            ))}
            <th scope="col">{t.debrief.total}</th>
          </tr>
        </thead>
        <tbody>
          {seats.map((s) => (
            <tr key={s.seat}>
              <th scope="row">
                {s.name}
                {s.left && <span class="muted"> ({t.left})</span>}
              </th>
              {rounds.map((r) => {
                const held = s.rounds.find((x) => x.round === r);
                return (
                  <td key={r}>
                    <span class="role-grid__role">{held?.role ? roleName(scenario, held.role, lang) : "–"}</span>
                    {held && <span class="role-grid__points">{t.points(held.points)}</span>}
                  </td>
                );
              })}
              <td class="role-grid__total">{t.points(s.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
