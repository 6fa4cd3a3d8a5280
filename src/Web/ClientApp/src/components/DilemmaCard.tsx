import { useState } from "preact/hooks";
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
  // Before the choice the options are a radio group showing only the picked option's effects: three
  // option cards with all their effects ran a phone page past three screens.
  const [picked, setPicked] = useState<string | null>(null);
  const pickedOption = dilemma.options.find((o) => o.id === picked) ?? null;
  const open = canChoose && !voting?.myVote;
  const who = dilemma.mineToDecide
    ? t.play.decideYou
    : voting?.myVote
      ? t.play.waitingForVote
      : voting
        ? t.play.decideVote
        : dilemma.decidedBy === "vote"
          ? t.play.waitingForVote
          : t.play.waitingFor(waitingFor);
  const verb = voting ? t.play.vote : t.play.choose;
  return (
    <section class="card card--attention dilemma" aria-labelledby={titleId}>
      <p class="eyebrow">{t.play.dilemma}</p>
      <h2 id={titleId}>{pick(dilemma.title, lang)}</h2>
      {/* Once my vote is in, the card keeps to the count and my choice; the story is read. */}
      {!voting?.myVote && <p>{pick(dilemma.body, lang)}</p>}
      {open ? (
        <form
          class="option-picks"
          onSubmit={(e) => {
            e.preventDefault();
            if (pickedOption) choose(pickedOption.id);
          }}
        >
          <fieldset>
            <legend class="dilemma__who">
              <strong>{who}</strong>
            </legend>
            {voting && <p class="muted">{t.play.votesCast(voting.votesCast, voting.voters)}</p>}
            {dilemma.options.map((option) => (
              <label key={option.id} class={`option-pick${picked === option.id ? " option-pick--picked" : ""}`}>
                <input type="radio" name={`${titleId}-option`} value={option.id} checked={picked === option.id} onChange={() => setPicked(option.id)} />
                <span class="option__label">{pick(option.label, lang)}</span>
              </label>
            ))}
          </fieldset>
          {pickedOption && pickedOption.effects.length > 0 && (
            <EffectChips effects={pickedOption.effects} scenario={scenario} label={`${t.play.effects}: ${pick(pickedOption.label, lang)}`} />
          )}
          <button
            type="submit"
            class="button button--primary button--wide"
            aria-label={pickedOption ? `${verb}: ${pick(pickedOption.label, lang)}` : verb}
            disabled={controls.offline || busy || !pickedOption}
          >
            {verb}
          </button>
        </form>
      ) : (
        <>
          <p class="dilemma__who">
            <strong>{who}</strong>
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
                </li>
              ))}
          </ul>
        </>
      )}
      <ControlFeedback feedback={controls.feedback[key]} />
    </section>
  );
}
