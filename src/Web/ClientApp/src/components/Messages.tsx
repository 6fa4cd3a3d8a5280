import { useEffect, useRef, useState } from "preact/hooks";
import { useLanguage } from "../i18n";
import type { TableMessage } from "../protocol";

/**
 * The facilitator's messages on the phone: the newest on top, older ones folded. A message that
 * arrives while the page is open is announced to screen readers (not the ones already there).
 */
export function Messages({ messages, seat }: { messages: TableMessage[]; seat: number }) {
  const { t } = useLanguage();
  const [announced, setAnnounced] = useState("");
  const seen = useRef<number | null>(null);
  const newest = messages.length > 0 ? messages[messages.length - 1] : undefined;
  useEffect(() => {
    const last = newest?.version ?? 0;
    if (seen.current !== null && newest && last > seen.current) setAnnounced(t.messages.live(newest.text));
    seen.current = Math.max(seen.current ?? 0, last);
  }, [newest, t]);
  const older = messages.slice(0, -1).reverse();
  return (
    <>
      <div class="visually-hidden messages__live" role="status" aria-live="polite" aria-atomic="true">
        {announced}
      </div>
      {newest && (
        <section class="card messages" aria-labelledby="messages-heading">
          <h2 id="messages-heading" class="card__title">
            {t.messages.heading}
          </h2>
          <p class="messages__newest">
            {newest.seat === seat && <span class="messages__to">{t.messages.toYou}: </span>}
            {newest.text}
          </p>
          {older.length > 0 && (
            <details>
              <summary>{t.messages.older(older.length)}</summary>
              <ul class="plain-list">
                {older.map((m) => (
                  <li key={m.version}>
                    {m.seat === seat && <span class="messages__to">{t.messages.toYou}: </span>}
                    {m.text}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </>
  );
}
