import { pick, useLanguage } from "../i18n";
import type { BallotView, DilemmaView, ScenarioInfo, SeatSummary } from "../protocol";
import { roleInfo } from "../scenario";
import { ControlFeedback } from "./Chrome";
import type { Controls } from "./controls";
import { EffectChips } from "./EffectChips";

/**
 * The open dilemma: its story, its options with their effects on the shared metrics, and what
 * I can do: decide (my role decides), vote (the table votes), or wait for the role that decides.
 */
export function DilemmaCard({
  dilemma,
  ballot,
  seats,
  scenario,
  controls,
  titleId = `dilemma-${dilemma.id}`,
}: {
  dilemma: DilemmaView;
  ballot: BallotView | null;
  seats: SeatSummary[];
  scenario: ScenarioInfo;
  controls: Controls;
  /** The title's id: the studio's preview shows each card twice (Dutch and English). */
  titleId?: string;
}) {
  const { lang, t } = useLanguage();
  const voting = dilemma.decidedBy === "vote" && ballot !== null && ballot.subject === "dilemma" && ballot.subjectId === dilemma.id ? ballot : null;
  const deciderRole = roleInfo(scenario, dilemma.decidedBy);
  const deciders = seats.filter((s) => s.role === dilemma.decidedBy).map((s) => s.name);
  const waitingFor = deciderRole ? `${pick(deciderRole.name, lang)}${deciders.length ? ` (${deciders.join(", ")})` : ""}` : dilemma.decidedBy;
  // One vote each: once the view says I voted, the options show my choice instead of buttons.
  const canChoose = dilemma.mineToDecide || voting !== null;
  const key = `dilemma:${dilemma.id}`;
  const busy = controls.pending === key;
  const choose = (option: string) => (voting ? controls.send(key, { type: "cast_vote", ballot: voting.id, option }) : controls.send(key, { type: "resolve_dilemma", option }));
  return (
    <section class="card card--attention dilemma" aria-labelledby={titleId}>
      <p class="eyebrow">{t.play.dilemma}</p>
      <h2 id={titleId}>{pick(dilemma.title, lang)}</h2>
      {/* Once my vote is in, the card keeps to the count and my choice; the story is read. */}
      {!voting?.myVote && <p>{pick(dilemma.body, lang)}</p>}
      <p class="dilemma__who">
        <strong>
          {dilemma.mineToDecide
            ? t.play.decideYou
            : voting?.myVote
              ? t.play.waitingForVote
              : voting
                ? t.play.decideVote
                : dilemma.decidedBy === "vote"
                  ? t.play.waitingForVote
                  : t.play.waitingFor(waitingFor)}
        </strong>
      </p>
      {voting && <p class="muted">{t.play.votesCast(voting.votesCast, voting.voters)}</p>}
      <ul class="options">
        {dilemma.options
          .filter((option) => !voting?.myVote || voting.myVote === option.id)
          .map((option) => (
            <li key={option.id} class={`option${voting?.myVote === option.id ? " option--chosen" : ""}`}>
              <p class="option__label">{pick(option.label, lang)}</p>
              {/* Once my vote is in, the choice is made: the effects fold away and the card gets short. */}
              {option.effects.length > 0 && !voting?.myVote && <EffectChips effects={option.effects} scenario={scenario} />}
              {voting?.myVote === option.id && (
                <p class="option__chosen">
                  <span aria-hidden="true">✓ </span>
                  {t.play.chosen}
                </p>
              )}
              {canChoose && !voting?.myVote && (
                <button
                  type="button"
                  class="button button--choice"
                  aria-label={`${voting ? t.play.vote : t.play.choose}: ${pick(option.label, lang)}`}
                  disabled={controls.offline || busy}
                  onClick={() => choose(option.id)}
                >
                  {voting ? t.play.vote : t.play.choose}
                </button>
              )}
            </li>
          ))}
      </ul>
      <ControlFeedback feedback={controls.feedback[key]} />
    </section>
  );
}
