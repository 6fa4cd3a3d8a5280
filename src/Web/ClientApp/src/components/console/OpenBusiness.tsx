import { useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { actionLabel, dilemmaTitle, roleName } from "../../scenario";
import { ballotSubject } from "../../story";
import { seatName } from "./names";

/** What waits for an answer at a table: proposals, the open ballot, the open dilemma. */
export function OpenBusiness({ table, scenario }: { table: FacilitatorTable; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const { proposals, ballot, openDilemma } = table;
  if (proposals.length === 0 && !ballot && !openDilemma) return null;
  return (
    <>
      <h3 class="small-heading">{t.facilitator.openItems}</h3>
      <ul class="plain-list">
        {proposals.map((p) => (
          <li key={`p${p.id}`}>
            {t.facilitator.openProposal(
              `${seatName(table, p.fromSeat)} (${roleName(scenario, p.fromRole, lang)})`,
              roleName(scenario, p.toRole, lang),
              actionLabel(scenario, p.action, lang),
            )}
            {p.note && <span class="muted"> — “{p.note}”</span>}
          </li>
        ))}
        {ballot && (
          <li>
            {t.facilitator.openBallot(
              ballot.subject === "action" ? ballotSubject(actionLabel(scenario, ballot.subjectId, lang), t) : dilemmaTitle(scenario, ballot.subjectId, lang),
              Object.keys(ballot.votes).length,
            )}
          </li>
        )}
        {openDilemma && <li>{t.facilitator.openDilemma(dilemmaTitle(scenario, openDilemma, lang))}</li>}
      </ul>
    </>
  );
}
