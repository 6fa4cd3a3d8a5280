import { useEffect, useRef, useState } from "preact/hooks";
import { formatNumber, pick, useLanguage } from "../i18n";
import type { ActionView, RoleBrief, ScenarioInfo, Text } from "../protocol";
import { Limits } from "../protocol";
import { actionCard, roleName } from "../scenario";
import { ControlFeedback } from "./Chrome";
import type { Controls } from "./controls";
import { Field } from "./Field";

function ActionItem({ action, resources, scenario, controls }: { action: ActionView; resources: Map<string, Text>; scenario: ScenarioInfo; controls: Controls }) {
  const { lang, t } = useLanguage();
  const [note, setNote] = useState("");
  const key = `act:${action.id}`;
  const card = actionCard(scenario, action.id);
  const why = action.reason === null ? undefined : scenario.reasons[action.reason];
  const kindText = card.kind === "proposal" ? t.play.kindProposal(roleName(scenario, card.to, lang)) : card.kind === "vote" ? t.play.kindVote : t.play.kindDirect;
  const costs = card.cost.filter((c) => c.amount > 0).map((c) => `${formatNumber(c.amount, lang)} ${pick(resources.get(c.resource), lang) || c.resource}`);
  const verb = card.kind === "proposal" ? t.play.propose : card.kind === "vote" ? t.play.callVote : t.play.doIt;
  const busy = controls.pending === key;
  const noteId = `note-${action.id}`;
  return (
    <li class={`action${action.available ? "" : " action--unavailable"}`}>
      <h3 class="action__label">{pick(card.label, lang)}</h3>
      <p class="action__kind">
        {kindText}
        {costs.length > 0 && (
          <>
            {" · "}
            {t.play.cost}: {costs.join(", ")}
          </>
        )}
      </p>
      {/* The description folds away under its own line: the list of what I can do stays one short scroll. */}
      {(pick(card.description, lang) || (action.available && card.kind === "proposal")) && (
        <details class="action__more">
          <summary>{action.available && card.kind === "proposal" ? t.now.moreNote : t.now.more}</summary>
          {pick(card.description, lang) && <p class="action__description">{pick(card.description, lang)}</p>}
          {action.available && card.kind === "proposal" && (
            <Field id={noteId} label={t.play.noteLabel} optional>
              {(control) => <input {...control} type="text" maxLength={Limits.note} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
            </Field>
          )}
        </details>
      )}
      <button
        type="button"
        class="button button--primary"
        disabled={!action.available || controls.offline || busy}
        aria-describedby={action.available || !why ? undefined : `why-${action.id}`}
        onClick={() => controls.send(key, { type: "act", action: action.id, note: note.trim() })}
      >
        {busy ? t.sending : verb}
      </button>
      {!action.available && why && (
        <p class="action__reason" id={`why-${action.id}`}>
          <strong>{t.play.notNow}</strong> {pick(why, lang)}
        </p>
      )}
      <ControlFeedback feedback={controls.feedback[key]} />
    </li>
  );
}

/**
 * My role's actions: the ones I can take now, each with what it costs; the others folded away under
 * one line, each saying why not, in words — so the page stays short. An action just taken stays in
 * view with its confirmation until that fades. Costs name my resources as my brief does.
 */
export function ActionList({
  actions,
  brief,
  scenario,
  controls,
  fold = false,
}: {
  actions: ActionView[];
  brief: RoleBrief | null;
  scenario: ScenarioInfo;
  controls: Controls;
  /** Fold the actions not possible now (the phone during play); a look back (the debrief) shows them all. */
  fold?: boolean;
}) {
  const { t } = useLanguage();
  if (actions.length === 0) return <p class="muted">{t.play.noActions}</p>;
  const inView = (a: ActionView) => !fold || a.available || controls.feedback[`act:${a.id}`] !== undefined;
  const now = [...actions.filter((a) => a.available), ...actions.filter((a) => !a.available)].filter(inView);
  const later = actions.filter((a) => !inView(a));
  const resources = new Map(brief?.resources.map((r) => [r.id, r.label]));
  return (
    <>
      {now.length > 0 && (
        <ul class="actions">
          {now.map((a) => (
            <ActionItem key={a.id} action={a} resources={resources} scenario={scenario} controls={controls} />
          ))}
        </ul>
      )}
      {later.length > 0 && (
        <details class="actions__later">
          <summary>{t.now.otherActions(later.length)}</summary>
          <ul class="actions">
            {later.map((a) => (
              <ActionItem key={a.id} action={a} resources={resources} scenario={scenario} controls={controls} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * The phone's "what can you do" during play. While the table waits for my answer or vote (the now block
 * asks it), the actions fold under their heading with how many are possible, so the question comes first and
 * the page stays short; one tap opens them. A new question (`foldKey` changes) folds them again, unless the
 * focus is among them (a player acting just then keeps their place); in a new phase only the keyboard's focus
 * counts, not where a tap left it. Otherwise they show as a section.
 */
export function ActionsSection({
  actions,
  brief,
  scenario,
  controls,
  folded,
  foldKey,
  phaseKey,
}: {
  actions: ActionView[];
  brief: RoleBrief | null;
  scenario: ScenarioInfo;
  controls: Controls;
  folded: boolean;
  foldKey: string;
  /** The round and phase: a new one folds the actions again unless the keyboard focus is among them. */
  phaseKey: string;
}) {
  const { t } = useLanguage();
  const here = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(false);
  const lastPhase = useRef(phaseKey);
  // biome-ignore lint/correctness/useExhaustiveDependencies: folds again on a new question only (a new phase is one)
  useEffect(() => {
    // A new question in the same phase leaves the actions to a player whose focus is among them (they just
    // acted: the focus may be on the confirmation). A new phase starts afresh unless it is the keyboard's
    // focus: a tap also leaves the focus where it tapped, and the new phase's question should come first.
    const focused = document.activeElement;
    const inside = focused !== null && Boolean(here.current?.contains(focused));
    const newPhase = lastPhase.current !== phaseKey;
    lastPhase.current = phaseKey;
    if (!inside || (newPhase && !focused?.matches(":focus-visible"))) setOpen(false);
  }, [foldKey]);
  const heading = (
    <h2 id="actions-heading" class="section-title">
      {t.play.actions}
    </h2>
  );
  const list = <ActionList actions={actions} brief={brief} scenario={scenario} controls={controls} fold />;
  return (
    <section aria-labelledby="actions-heading" ref={here}>
      {folded ? (
        <details class="actions-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>
            {heading}
            <span class="muted">{t.now.actionsAfterwards(actions.filter((a) => a.available).length)}</span>
          </summary>
          {list}
        </details>
      ) : (
        <>
          {heading}
          {list}
        </>
      )}
    </section>
  );
}
