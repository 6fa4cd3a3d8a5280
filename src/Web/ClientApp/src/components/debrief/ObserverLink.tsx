import { useState } from "preact/hooks";
import { apiProblem, sendWithBearer } from "../../api";
import { useLanguage } from "../../i18n";
import type { ObserverLink } from "../../protocol";
import type { Debrief } from "./useDebrief";

/** The facilitator makes (or replaces) the observer link: shown once, to hand to an observer. */
export function ObserverLinkCard({ workshopId, debrief }: { workshopId: string; debrief: Debrief }) {
  const { lang, t } = useLanguage();
  const [link, setLink] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const make = async () => {
    if (!debrief.key) return;
    const result = await sendWithBearer<ObserverLink>("POST", `/api/workshops/${encodeURIComponent(workshopId)}/observer-key`, debrief.key);
    if (result.ok) {
      setLink(result.value.url);
      setProblem(null);
    } else {
      setProblem(apiProblem(result, t, lang));
    }
  };
  return (
    <section class="card debrief__section" aria-labelledby="observer-heading">
      <h2 id="observer-heading" class="card__title">
        {t.observe.observerLink}
      </h2>
      <p class="field__hint">{t.observe.observerLinkHint}</p>
      <button type="button" class="button button--small" onClick={() => void make()}>
        {t.observe.makeObserverLink}
      </button>
      {link && (
        <p>
          <label for="observer-url">{t.observe.observerLinkMade}</label>
          <input id="observer-url" class="observer-link__url" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </p>
      )}
      {problem && (
        <p role="status" class="pinned-notes__error">
          {problem}
        </p>
      )}
    </section>
  );
}
