import { useState } from "preact/hooks";
import { pick, useLanguage } from "../i18n";
import { Limits, type NextRole, type RoleCard, type ScenarioInfo } from "../protocol";
import { roleInfo, roleName } from "../scenario";
import { ControlFeedback } from "./Chrome";
import type { Controls } from "./controls";
import { Field } from "./Field";

/** At the role swap: the role I get next round, and the notes its previous holder left me. */
export function NextRoleCard({
  next,
  current,
  scenario,
  seen,
  onSeen,
}: {
  next: NextRole;
  current: RoleCard | null;
  scenario: ScenarioInfo;
  /** Whether the player said they read it: the next round asks nothing of them before they did. */
  seen: boolean;
  onSeen: () => void;
}) {
  const { lang, t } = useLanguage();
  return (
    <section class="card card--attention swap" aria-labelledby="next-role">
      <p class="eyebrow">{t.play.swapHeading}</p>
      <p>{t.play.swapIntro}</p>
      <p class="small-heading">{t.play.nextRole}</p>
      <h2 id="next-role" class="role-card__name">
        {roleName(scenario, next.id, lang)}
      </h2>
      {current?.id === next.id && <p class="muted">{t.play.sameRole}</p>}
      <p>{pick(roleInfo(scenario, next.id)?.description, lang)}</p>
      <h3 class="small-heading">{t.play.notesFromPrevious}</h3>
      {next.handoverNotes.length > 0 ? (
        <ul class="notes">
          {next.handoverNotes.map((note, i) => (
            <li key={i} class="quote">
              {note}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t.play.noNotes}</p>
      )}
      {seen ? (
        <p class="feedback feedback--done">
          <span aria-hidden="true">✓ </span>
          {t.now.seenRole}
        </p>
      ) : (
        <button type="button" class="button button--primary" onClick={onSeen}>
          {t.now.seenRole}
        </button>
      )}
    </section>
  );
}

/** My note for whoever holds my current role next (replaced if I send again). */
export function HandoverForm({ current, scenario, controls }: { current: RoleCard; scenario: ScenarioInfo; controls: Controls }) {
  const { lang, t } = useLanguage();
  const [note, setNote] = useState("");
  const label = t.play.handoverLabel(roleName(scenario, current.id, lang));
  return (
    <section class="card" aria-labelledby="handover-heading">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim()) controls.send("handover", { type: "write_handover_note", text: note.trim() });
        }}
      >
        <Field id="handover-note" label={label} hint={t.play.handoverHint} headingId="handover-heading">
          {(control) => <textarea {...control} rows={3} maxLength={Limits.note} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button button--primary" disabled={controls.offline || controls.pending === "handover" || !note.trim()}>
          {controls.pending === "handover" ? t.sending : t.play.handoverSend}
        </button>
        <ControlFeedback feedback={controls.feedback.handover} />
      </form>
    </section>
  );
}

/** One word on how the role felt, and the scenario's reflection question. */
export function ReflectionForm({ scenario, controls }: { scenario: ScenarioInfo; controls: Controls }) {
  const { lang, t } = useLanguage();
  const [word, setWord] = useState("");
  const [text, setText] = useState("");
  return (
    <section class="card" aria-labelledby="reflect-heading">
      <h2 id="reflect-heading" class="card__title">
        {t.play.reflectHeading}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (word.trim()) controls.send("reflect", { type: "reflect", word: word.trim(), text: text.trim() });
        }}
      >
        <Field id="reflect-word" label={t.play.wordLabel}>
          {(control) => (
            <input {...control} type="text" maxLength={Limits.word} autoComplete="off" value={word} onInput={(e) => setWord(e.currentTarget.value.replace(/\s+/g, ""))} />
          )}
        </Field>
        <Field id="reflect-text" label={pick(scenario.swapReflection, lang) || t.play.reflectText} optional>
          {(control) => <textarea {...control} rows={3} maxLength={Limits.note} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button button--primary" disabled={controls.offline || controls.pending === "reflect" || !word.trim()}>
          {controls.pending === "reflect" ? t.sending : t.play.reflectSend}
        </button>
        <ControlFeedback feedback={controls.feedback.reflect} />
      </form>
    </section>
  );
}

/** Ask the facilitator for a role (they decide; nothing changes until they do). */
export function RoleRequest({ scenario, controls }: { scenario: ScenarioInfo; controls: Controls }) {
  const { lang, t } = useLanguage();
  const [role, setRole] = useState(scenario.roles[0]?.id ?? "");
  const [note, setNote] = useState("");
  return (
    <details class="card card--quiet">
      <summary>{t.play.requestHeading}</summary>
      <p class="muted">{t.play.requestIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (role) controls.send("request", { type: "request_role_swap", role, note: note.trim() });
        }}
      >
        <Field id="request-role" label={t.play.requestRole}>
          {(control) => (
            <select {...control} value={role} onChange={(e) => setRole(e.currentTarget.value)}>
              {scenario.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {pick(r.name, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="request-note" label={t.play.requestNote} optional>
          {(control) => <input {...control} type="text" maxLength={Limits.note} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button" disabled={controls.offline || controls.pending === "request"}>
          {controls.pending === "request" ? t.sending : t.play.requestSend}
        </button>
        <ControlFeedback feedback={controls.feedback.request} />
      </form>
    </details>
  );
}
