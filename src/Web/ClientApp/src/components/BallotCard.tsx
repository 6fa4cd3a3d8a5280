import { useLanguage } from "../i18n";
import type { BallotView, ScenarioInfo } from "../protocol";
import { actionLabel } from "../scenario";
import { ballotSubject } from "../story";
import { ControlFeedback } from "./Chrome";
import type { Controls } from "./controls";

/** An open vote on an action: yes / no buttons until I voted, then my vote; how many voted. */
export function BallotCard({ ballot, scenario, controls }: { ballot: BallotView; scenario: ScenarioInfo; controls: Controls }) {
  const { lang, t } = useLanguage();
  const key = `ballot:${ballot.id}`;
  const busy = controls.pending === key;
  const subject = ballotSubject(actionLabel(scenario, ballot.subjectId, lang), t);
  const optionText = (option: string) => (option === "yes" ? t.yes : option === "no" ? t.no : option.replace(/_/g, " "));
  return (
    <section class="card card--attention" aria-labelledby={`ballot-${ballot.id}`}>
      <p class="eyebrow">{t.play.ballot}</p>
      <h2 id={`ballot-${ballot.id}`}>{t.play.ballotAbout(subject)}</h2>
      <p class="muted">
        {t.play.votesCast(ballot.votesCast, ballot.voters)}
        {ballot.myVote && <> · {t.play.yourVote(optionText(ballot.myVote))}</>}
      </p>
      {ballot.myVote === null && (
        <div class="button-row">
          {ballot.options.map((option) => (
            <button
              key={option}
              type="button"
              class="button button--choice"
              disabled={controls.offline || busy}
              onClick={() => controls.send(key, { type: "cast_vote", ballot: ballot.id, option })}
            >
              {optionText(option)}
            </button>
          ))}
        </div>
      )}
      <ControlFeedback feedback={controls.feedback[key]} />
    </section>
  );
}
