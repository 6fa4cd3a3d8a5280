import { useState } from "preact/hooks";
import { apiProblem, sendWithBearer } from "../../api";
import { pick, useLanguage } from "../../i18n";
import type { Ack, PinnedNoteRecord, ScenarioInfo } from "../../protocol";
import { newCommandId } from "../../storage";
import type { Debrief } from "./useDebrief";

/** Where a note was pinned, in words: "Ronde 1 · Onderhandelen" (the debrief's notes and the console's). */
export function whereOf(note: Pick<PinnedNoteRecord, "stage" | "round" | "phase">, scenario: ScenarioInfo, lang: "nl" | "en", t: ReturnType<typeof useLanguage>["t"]): string {
  const phase = note.phase ? scenario.phases.find((p) => p.id === note.phase) : undefined;
  return note.stage === "playing" ? [t.roundOf(note.round, scenario.rounds), phase ? pick(phase.label, lang) : null].filter(Boolean).join(" · ") : t.stage[note.stage];
}

/**
 * The notes the facilitator and observers pinned at a table (for them only), each a button to its moment,
 * and the form that pins a new one to the table's current moment.
 */
export function PinnedNotes({
  workshopId,
  table,
  notes,
  scenario,
  debrief,
  onVersion,
}: {
  workshopId: string;
  table: number;
  notes: PinnedNoteRecord[];
  scenario: ScenarioInfo;
  debrief: Debrief;
  onVersion: (version: number) => void;
}) {
  const { lang, t } = useLanguage();
  const [text, setText] = useState("");
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `note-${table}`;

  const pin = async (e: Event) => {
    e.preventDefault();
    if (!debrief.key || text.trim().length === 0) return;
    setBusy(true);
    const result = await sendWithBearer<Ack>("POST", `/api/workshops/${encodeURIComponent(workshopId)}/tables/${table}/notes`, debrief.key, {
      text,
      commandId: newCommandId(),
    });
    setBusy(false);
    if (result.ok) {
      setText("");
      setSaid({ ok: true, text: t.observe.pinned });
      debrief.reload();
    } else {
      setSaid({ ok: false, text: apiProblem(result, t, lang) });
    }
  };

  return (
    <div class="pinned-notes">
      <p class="field__hint">{t.observe.notesHint}</p>
      {notes.length === 0 ? (
        <p class="muted">{t.observe.noNotes}</p>
      ) : (
        <ul class="pinned-notes__list">
          {notes.map((n) => (
            <li key={n.version} class="pinned-note">
              <button type="button" class="link-button" onClick={() => onVersion(n.version)} aria-label={`${t.observe.goTo}: ${whereOf(n, scenario, lang, t)}`}>
                {whereOf(n, scenario, lang, t)}
              </button>{" "}
              <span class="muted">({t.observe.author[n.author] ?? n.author})</span>
              <p class="pinned-note__text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form class="pinned-notes__form" onSubmit={(e) => void pin(e)}>
        <label for={id}>{t.observe.noteLabel(table)}</label>
        <textarea id={id} rows={2} maxLength={500} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <div class="button-row">
          <button type="submit" class="button button--small button--primary" disabled={busy || text.trim().length === 0}>
            {t.observe.pin}
          </button>
          {said && (
            <span role="status" class={said.ok ? "muted" : "pinned-notes__error"}>
              {said.text}
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
