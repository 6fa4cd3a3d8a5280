import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { useLanguage } from "../../i18n";
import { type FacilitatorTable, Limits, type ScenarioInfo } from "../../protocol";
import { ControlFeedback } from "../Chrome";
import { whereOf } from "../debrief/PinnedNotes";

/**
 * The table's pinned notes (the facilitator's and observers', never shown to players or the projector)
 * and the form that pins one to the table's current moment (`pin_note`).
 */
export function PinnedNoteForm({ number, table, scenario, controls }: { number: number; table: FacilitatorTable; scenario: ScenarioInfo; controls: ConsoleControls }) {
  const { lang, t } = useLanguage();
  const [text, setText] = useState("");
  const key = `t${number}:pin`;
  const id = `t${number}-pin`;
  return (
    <section class="pinned-notes" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} class="small-heading">
        {t.observe.notes}
      </h3>
      <p class="muted small">{t.observe.notesHint}</p>
      {table.pinnedNotes.length === 0 ? (
        <p class="muted">{t.observe.noNotes}</p>
      ) : (
        <ul class="pinned-notes__list">
          {table.pinnedNotes.map((n) => (
            <li key={n.version} class="pinned-note">
              <span class="muted">
                {whereOf(n, scenario, lang, t)} ({t.observe.author[n.author] ?? n.author})
              </span>
              <p class="pinned-note__text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        class="message-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          void controls
            .run(key, number, { type: "pin_note", text }, (now) => now.observe.pinned)
            .then((ok) => {
              if (ok) setText("");
            });
        }}
      >
        <label for={id}>{t.observe.noteLabel(number)}</label>
        <textarea id={id} rows={2} maxLength={Limits.note} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <div class="inline-form">
          <button type="submit" class="button button--small button--primary" disabled={controls.offline || controls.pending === key || !text.trim()}>
            {t.observe.pin}
          </button>
        </div>
        <ControlFeedback feedback={controls.feedback[key]} />
      </form>
    </section>
  );
}
