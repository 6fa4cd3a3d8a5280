import { useState } from "preact/hooks";
import { useLanguage } from "../i18n";
import { Limits, type ProposalView, type ScenarioInfo, type SeatSummary } from "../protocol";
import { actionCard, actionLabel, roleName as nameOfRole } from "../scenario";
import { ControlFeedback } from "./Chrome";
import type { Controls } from "./controls";
import { EffectChips } from "./EffectChips";
import { Field } from "./Field";

function ProposalItem({
  proposal,
  seats,
  mySeat,
  scenario,
  controls,
}: {
  proposal: ProposalView;
  seats: SeatSummary[];
  mySeat: number;
  scenario: ScenarioInfo;
  controls: Controls;
}) {
  const { lang, t } = useLanguage();
  const [reply, setReply] = useState("");
  const key = `proposal:${proposal.id}`;
  const roleName = (id: string) => nameOfRole(scenario, id, lang);
  const from = seats.find((s) => s.seat === proposal.fromSeat);
  const fromText = from ? t.headline.who(from.name, roleName(proposal.fromRole)) : roleName(proposal.fromRole);
  const mine = proposal.fromSeat === mySeat;
  const heading = proposal.mineToAnswer
    ? t.play.proposalToYou(fromText)
    : mine
      ? t.play.proposalWaiting(roleName(proposal.toRole))
      : t.play.proposalOther(fromText, roleName(proposal.toRole));
  const busy = controls.pending === key;
  const replyId = `reply-${proposal.id}`;
  // A counter goes back to the proposer, who may only take or leave it: nobody counters their own proposal.
  const canCounter = proposal.mineToAnswer && !proposal.countered && !mine;
  const card = actionCard(scenario, proposal.action);
  const effects = proposal.countered && card.counterEffects ? card.counterEffects : card.effects;
  const answer = (kind: "accept" | "reject" | "counter") => controls.send(key, { type: "answer_proposal", proposal: proposal.id, answer: kind, note: reply.trim() });
  return (
    <li class={`card proposal${proposal.mineToAnswer ? " card--attention" : ""}`}>
      <p class="proposal__heading">{heading}</p>
      <p class="proposal__label">{actionLabel(scenario, proposal.action, lang)}</p>
      {proposal.note && (
        <p class="quote">
          <span class="quote__label">{t.play.theirNote}: </span>
          {proposal.note}
        </p>
      )}
      {proposal.countered && (
        <p class="quote quote--counter">
          <span class="quote__label">{t.play.counterNote}: </span>
          {proposal.counterNote}
        </p>
      )}
      {proposal.mineToAnswer && (
        <>
          <p class="small-heading">{t.now.effects}</p>
          {effects.length > 0 ? <EffectChips effects={effects} scenario={scenario} label={t.now.effects} /> : <p class="muted">{t.now.noEffects}</p>}
          {canCounter && card.counterEffects && card.counterEffects.length > 0 && (
            <>
              <p class="small-heading">{t.now.counterEffects}</p>
              <EffectChips effects={card.counterEffects} scenario={scenario} label={t.now.counterEffects} />
            </>
          )}
          <p class="proposal__means">{canCounter ? t.now.counterMeans : t.now.counterToYou}</p>
          <Field id={replyId} label={t.play.answerNote} optional>
            {(control) => <textarea {...control} rows={2} maxLength={Limits.note} value={reply} onInput={(e) => setReply(e.currentTarget.value)} />}
          </Field>
          <div class="button-row">
            <button type="button" class="button button--primary" disabled={controls.offline || busy} onClick={() => answer("accept")}>
              {t.play.accept}
            </button>
            {canCounter && (
              <button type="button" class="button" disabled={controls.offline || busy} onClick={() => answer("counter")}>
                {t.play.counter}
              </button>
            )}
            <button type="button" class="button button--quiet" disabled={controls.offline || busy} onClick={() => answer("reject")}>
              {t.play.reject}
            </button>
          </div>
        </>
      )}
      <ControlFeedback feedback={controls.feedback[key]} />
    </li>
  );
}

/** Proposals addressed to me (to answer) and mine that wait for an answer. */
export function ProposalList(props: { proposals: ProposalView[]; seats: SeatSummary[]; mySeat: number; scenario: ScenarioInfo; controls: Controls }) {
  const ordered = [...props.proposals.filter((p) => p.mineToAnswer), ...props.proposals.filter((p) => !p.mineToAnswer)];
  return (
    <ul class="stack">
      {ordered.map((p) => (
        <ProposalItem key={p.id} proposal={p} seats={props.seats} mySeat={props.mySeat} scenario={props.scenario} controls={props.controls} />
      ))}
    </ul>
  );
}
