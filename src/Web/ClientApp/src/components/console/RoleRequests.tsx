import { useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { roleName } from "../../scenario";
import { seatName } from "./names";

/** The roles players asked for, with their notes. */
export function RoleRequests({ table, scenario }: { table: FacilitatorTable; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  if (table.swapRequests.length === 0) return null;
  return (
    <>
      <h3 class="small-heading">{t.facilitator.swapRequests}</h3>
      <ul class="plain-list">
        {table.swapRequests.map((r, i) => (
          <li key={i}>
            <strong>{seatName(table, r.seat)}</strong> → {roleName(scenario, r.role, lang)}
            {r.note && <span class="muted"> — “{r.note}”</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
