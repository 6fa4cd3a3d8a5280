import { pick, useLanguage } from "../i18n";
import type { BallotView, DilemmaView, ScenarioInfo, SeatSummary } from "../protocol";
import { knownMetric, roleInfo } from "../scenario";
import { ControlFeedback } from "./Chrome";
import type { Controls } from "./controls";

/** The author's formula as a signed change: "-10" → "−10", "5" → "+5"; anything else as written. */
function effectText(change: string): string {
  const trimmed = change.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) {
    const value = Number(trimmed);
    return value > 0 ? `+${trimmed.replace(/^\+/, "")}` : value < 0 ? `−${trimmed.slice(1)}` : "±0";
  }
  return trimmed;
}

/** Whether a plain number effect is good for the community (null for formulas). */
function effectBetter(change: string, good: "up" | "down" | undefined): boolean | null {
  const value = Number(change.trim());
  if (!good || !Number.isFinite(value) || value === 0) return null;
  return value > 0 === (good === "up");
}

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
      <p>{pick(dilemma.body, lang)}</p>
      <p class="dilemma__who">
        <strong>
          {dilemma.mineToDecide ? t.play.decideYou : voting ? t.play.decideVote : dilemma.decidedBy === "vote" ? t.play.waitingForVote : t.play.waitingFor(waitingFor)}
        </strong>
      </p>
      {voting && (
        <p class="muted">
          {t.play.votesCast(voting.votesCast, voting.voters)}
          {voting.myVote && <> · {t.play.yourVote(pick(dilemma.options.find((o) => o.id === voting.myVote)?.label, lang) || voting.myVote)}</>}
        </p>
      )}
      <ul class="options">
        {dilemma.options.map((option) => (
          <li key={option.id} class={`option${voting?.myVote === option.id ? " option--chosen" : ""}`}>
            <p class="option__label">{pick(option.label, lang)}</p>
            {option.effects.length > 0 && (
              <ul class="chips" aria-label={t.play.effects}>
                {option.effects.map((e) => {
                  const metric = knownMetric(scenario, e.metric);
                  const better = effectBetter(e.change, metric?.good);
                  return (
                    <li key={e.metric} class={`chip${better === true ? " chip--better" : better === false ? " chip--worse" : ""}`}>
                      {better !== null && (
                        <span class="chip__mark" aria-hidden="true">
                          {better ? "▲ " : "▼ "}
                        </span>
                      )}
                      {pick(metric?.label, lang) || e.metric} <strong>{effectText(e.change)}</strong>
                      {better !== null && <span class="visually-hidden"> ({better ? t.play.better : t.play.worse})</span>}
                    </li>
                  );
                })}
              </ul>
            )}
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
