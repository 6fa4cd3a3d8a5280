import { useLanguage } from "../../i18n";
import type { ScenarioInfo, SeatMoment } from "../../protocol";
import { dilemmaTitle } from "../../scenario";
import { ActionList } from "../ActionList";
import type { Controls } from "../controls";
import { ProposalList } from "../ProposalList";
import { RoleCard } from "../RoleCard";

/** The debrief only looks: every control shows as it did on the phone, and none can send. */
const lookOnly: Controls = { send: () => undefined, pending: null, feedback: {}, offline: true };

/** What each seat's phone showed at the chosen moment, side by side: role card, resources, goals, actions (or why not), open proposals; four parts per seat, in rows shared with the seats beside it. */
export function SeatViews({ table, seats, scenario }: { table: number; seats: SeatMoment[]; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  return (
    <ul class="seat-views">
      {seats.map((s) => (
        <li key={s.seat} class="seat-view">
          <p class="seat-view__who">{t.debrief.seatSaw(s.name)}</p>
          {s.view.role ? (
            <RoleCard role={s.view.role} brief={s.brief} scenario={scenario} open={false} titleId={`seat-${table}-${s.seat}-role`} />
          ) : (
            <p class="card muted">{t.debrief.noRole}</p>
          )}
          <div class="seat-view__notices">
            {s.view.dilemma && <p class="notice">{t.debrief.dilemmaOpen(dilemmaTitle(scenario, s.view.dilemma.id, lang))}</p>}
            {s.view.ballot && <p class="notice">{t.debrief.ballotOpen}</p>}
          </div>
          <div class="seat-view__more">
            {s.view.role && (
              <details class="role-card__details seat-view__actions">
                <summary>
                  {t.debrief.actions}
                  <span class="summary__meta">{t.debrief.actionsAvailable(s.view.actions.filter((a) => a.available).length, s.view.actions.length)}</span>
                </summary>
                <ActionList actions={s.view.actions} brief={s.brief} scenario={scenario} controls={lookOnly} />
              </details>
            )}
            {s.view.proposals.length > 0 && (
              <>
                <p class="small-heading">{t.debrief.proposals}</p>
                <ProposalList proposals={s.view.proposals} seats={s.view.seats} mySeat={s.seat} scenario={scenario} controls={lookOnly} />
              </>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
