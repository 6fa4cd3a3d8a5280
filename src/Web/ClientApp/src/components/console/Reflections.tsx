import { useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { roleName } from "../../scenario";
import { seatName } from "./names";

/** What players said at the role swaps: one word, and a sentence if they wrote one. */
export function Reflections({ table, scenario }: { table: FacilitatorTable; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  if (table.reflections.length === 0) return null;
  return (
    <>
      <h3 class="small-heading">{t.facilitator.reflections}</h3>
      <ul class="plain-list">
        {table.reflections.map((r, i) => (
          <li key={i}>
            <strong>{seatName(table, r.seat)}</strong>{" "}
            <span class="muted">
              ({roleName(scenario, r.role, lang)}, {t.roundOf(r.round, scenario.rounds).toLowerCase()})
            </span>
            : <em>{r.word}</em>
            {r.text && <span> — “{r.text}”</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
