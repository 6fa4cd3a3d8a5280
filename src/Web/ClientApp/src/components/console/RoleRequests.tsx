import { useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { roleName } from "../../scenario";
import { seatName } from "./names";
import { openRequests } from "./rows";

/** The roles players asked for, with their notes; a request the plan now grants leaves the list. */
export function RoleRequests({ table, scenario }: { table: FacilitatorTable; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const requests = openRequests(table);
  if (requests.length === 0) return null;
  return (
    <>
      <h3 class="small-heading">{t.facilitator.swapRequests}</h3>
      <ul class="plain-list">
        {requests.map((r) => (
          <li key={r.seat}>
            <strong>{seatName(table, r.seat)}</strong> → {roleName(scenario, r.role, lang)}
            {r.note && <span class="muted"> — “{r.note}”</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
