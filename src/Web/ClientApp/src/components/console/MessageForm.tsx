import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { useLanguage } from "../../i18n";
import { type FacilitatorTable, Limits } from "../../protocol";
import { ControlFeedback } from "../Chrome";
import { seatName } from "./names";
import { SeatPicker } from "./Pickers";

/**
 * A short message to the phones: to every table (`table` null), or to everyone at one table or one
 * of its seats. It appears on the phones and in the table's log.
 */
export function MessageForm({ table, shown, controls }: { table: number | null; shown: FacilitatorTable | null; controls: ConsoleControls }) {
  const { t } = useLanguage();
  const [text, setText] = useState("");
  const [seat, setSeat] = useState<number | null>(null);
  const prefix = table === null ? "all" : `t${table}`;
  const key = `${prefix}:message`;
  const seats = shown?.seats.filter((s) => !s.left) ?? [];
  return (
    <form
      class="message-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        void controls
          .run(key, table, { type: "send_message", text, seat }, (now) => now.console.sent)
          .then((ok) => {
            if (ok) setText("");
          });
      }}
    >
      <label for={`${prefix}-message`}>{t.console.messageLabel}</label>
      <textarea
        id={`${prefix}-message`}
        rows={2}
        maxLength={Limits.note}
        value={text}
        aria-describedby={`${prefix}-message-hint`}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <p id={`${prefix}-message-hint`} class="muted small">
        {t.console.messageHint}
      </p>
      <div class="inline-form">
        {table !== null && <SeatPicker id={`${prefix}-message-to`} label={t.console.messageTo} seats={seats} value={seat} none={t.console.toTable} onChange={setSeat} />}
        <button type="submit" class="button button--small button--primary" disabled={controls.offline || controls.pending === key || !text.trim()}>
          {t.console.send}
        </button>
      </div>
      <ControlFeedback feedback={controls.feedback[key]} />
    </form>
  );
}

/** The messages sent to one table, newest first. */
export function SentMessages({ table }: { table: FacilitatorTable }) {
  const { t } = useLanguage();
  if (table.messages.length === 0) return null;
  return (
    <ul class="plain-list sent-messages">
      {[...table.messages].reverse().map((m) => (
        <li key={m.version}>
          <span class="muted">{m.seat === null ? t.console.everyone : seatName(table, m.seat)}: </span>
          {m.text}
        </li>
      ))}
    </ul>
  );
}
