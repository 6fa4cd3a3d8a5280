import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { focusIsLostAround } from "../focus";
import type { ConnectionState } from "../hub";
import { type Strings, useLanguage } from "../i18n";
import type { Language } from "../protocol";
import { followLink } from "../router";

/** The NL/EN switch: a button that names the other language. */
export function LanguageToggle() {
  const { lang, t, choose } = useLanguage();
  return (
    <button type="button" class="language-toggle" lang={lang === "nl" ? "en" : "nl"} title={t.switchToLabel} onClick={() => choose(lang === "nl" ? "en" : "nl")}>
      <span aria-hidden="true">{lang === "nl" ? "NL · " : "EN · "}</span>
      {t.switchTo}
    </button>
  );
}

/** Always visible: whether this page is connected to the server, with a retry when it is lost. */
export function ConnectionBadge({ state, onRetry }: { state: ConnectionState; onRetry: () => void }) {
  const { t } = useLanguage();
  return (
    <span class={`connection connection--${state}`} role="status">
      <span class="connection__dot" aria-hidden="true" />
      {t.connection[state]}
      {state === "disconnected" && (
        <button type="button" class="link-button" onClick={onRetry}>
          {t.connection.retry}
        </button>
      )}
    </span>
  );
}

/** The top bar of every page: the brand (home link), what the page adds, the language switch. */
export function TopBar({ children }: { children?: ComponentChildren }) {
  const { t } = useLanguage();
  return (
    <header class="topbar">
      <a class="brand" href="/" onClick={(e) => followLink(e, "/")}>
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <span>{t.app}</span>
      </a>
      <div class="topbar__extra">{children}</div>
      <LanguageToggle />
    </header>
  );
}

/** A polite live region: screen readers announce new updates and refusals without stealing focus. */
export function LiveRegion({ message }: { message: string }) {
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}

export type FeedbackKind = "refused" | "failed" | "done";

export interface Feedback {
  kind: FeedbackKind;
  /** In the language it was given in. */
  text: string;
  /** The same in the page's language now, when the page can say it again (a switch of language then follows). */
  say?: (t: Strings, lang: Language) => string;
}

/**
 * A refusal or a confirmation, shown right next to the control it belongs to. When the control
 * took the keyboard focus with it (a vote's buttons go once I voted, a button disables itself), the
 * focus comes here, so keyboard and screen-reader users keep their place and hear the answer.
 */
export function ControlFeedback({ feedback }: { feedback: Feedback | undefined }) {
  const { lang, t } = useLanguage();
  const here = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (feedback && here.current && focusIsLostAround(here.current)) here.current.focus();
  }, [feedback]);
  if (!feedback) return null;
  return (
    <p class={`feedback feedback--${feedback.kind}`} tabIndex={-1} ref={here}>
      {feedback.kind === "done" ? <span aria-hidden="true">✓ </span> : <strong>{feedback.kind === "refused" ? t.refused : ""} </strong>}
      {feedback.say ? feedback.say(t, lang) : feedback.text}
    </p>
  );
}

/** A full-page message (nothing to show yet, or something went wrong) with an optional way on. */
export function Notice({ children, tone = "info" }: { children: ComponentChildren; tone?: "info" | "error" }) {
  return <div class={`notice notice--${tone}`}>{children}</div>;
}
