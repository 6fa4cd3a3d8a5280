import { useState } from "preact/hooks";
import { formatNumber, pick, useLanguage } from "../i18n";
import type { ActionView, RoleCard, ScenarioInfo } from "../protocol";
import { Limits } from "../protocol";
import { explain } from "../refusals";
import { ControlFeedback } from "./Chrome";
import type { Controls } from "./controls";


function ActionItem({ action, role, scenario, controls }: { action: ActionView; role: RoleCard | null; scenario: ScenarioInfo; controls: Controls }) {
  const { lang, t } = useLanguage();
  const [note, setNote] = useState("");
  const key = `act:${action.id}`;
  const toRole = action.to ? scenario.roles.find((r) => r.id === action.to) : undefined;
  const kindText =
    action.kind === "proposal" ? t.play.kindProposal(toRole ? pick(toRole.name, lang) : action.to ?? "") : action.kind === "vote" ? t.play.kindVote : t.play.kindDirect;
  const costs = action.cost
    .filter((c) => c.amount > 0)
    .map((c) => {
      const label = role?.resources.find((r) => r.id === c.resource)?.label;
      return `${formatNumber(c.amount, lang)} ${label ? pick(label, lang) : c.resource}`;
    });
  const verb = action.kind === "proposal" ? t.play.propose : action.kind === "vote" ? t.play.callVote : t.play.doIt;
  const busy = controls.pending === key;
  const noteId = `note-${action.id}`;
  return (
    <li class={`action${action.available ? "" : " action--unavailable"}`}>
      <h3 class="action__label">{pick(action.label, lang)}</h3>
      <p class="action__kind">
        {kindText}
        {costs.length > 0 && (
          <>
            {" · "}
            {t.play.cost}: {costs.join(", ")}
          </>
        )}
      </p>
      {pick(action.description, lang) && <p class="action__description">{pick(action.description, lang)}</p>}
      {action.available && action.kind === "proposal" && (
        <div class="field">
          <label for={noteId}>
            {t.play.noteLabel} <span class="field__optional">({t.optional})</span>
          </label>
          <input id={noteId} type="text" maxLength={Limits.note} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
      )}
      <button
        type="button"
        class="button button--primary"
        disabled={!action.available || controls.offline || busy}
        aria-describedby={action.available ? undefined : `why-${action.id}`}
        onClick={() => controls.send(key, { type: "act", action: action.id, note: note.trim() })}
      >
        {busy ? t.sending : verb}
      </button>
      {!action.available && action.reason && (
        <p class="action__reason" id={`why-${action.id}`}>
          <strong>{t.play.notNow}</strong> {explain(null, action.reason, lang, scenario)}
        </p>
      )}
      <ControlFeedback feedback={controls.feedback[key]} />
    </li>
  );
}

/** My role's actions: available ones first; unavailable ones say why, in words. */
export function ActionList({ actions, role, scenario, controls }: { actions: ActionView[]; role: RoleCard | null; scenario: ScenarioInfo; controls: Controls }) {
  const { t } = useLanguage();
  if (actions.length === 0) return <p class="muted">{t.play.noActions}</p>;
  const ordered = [...actions.filter((a) => a.available), ...actions.filter((a) => !a.available)];
  return (
    <ul class="actions">
      {ordered.map((a) => (
        <ActionItem key={a.id} action={a} role={role} scenario={scenario} controls={controls} />
      ))}
    </ul>
  );
}
