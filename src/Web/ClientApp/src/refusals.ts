import type { Language, Text } from "./protocol";
import { pick } from "./i18n";

// The server says why not in both languages (a refusal's `reason`, an action's `reason`); the page
// only picks its language. A refusal without a reason (an older server, a tool) falls back to a
// sentence per code, and then to the server's English sentence, so nothing is ever hidden.

interface Refusal {
  code?: string | null;
  message?: string | null;
  reason?: Text | null;
}

const byCode: Record<string, Text> = {
  stale_version: {
    nl: "De tafel was net veranderd. Kijk nog eens en probeer het opnieuw.",
    en: "The table had just changed. Have another look and try again.",
  },
  storage_unavailable: {
    nl: "Even niet opgeslagen; er is niets veranderd. Probeer het opnieuw.",
    en: "Not saved just now; nothing changed. Please try again.",
  },
  unavailable: {
    nl: "De tafel is even niet bereikbaar; probeer het opnieuw.",
    en: "The table could not be reached; try again.",
  },
};

function capitalise(sentence: string): string {
  const trimmed = sentence.trim();
  if (!trimmed) return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/** Why a command was refused or an action is not possible, in the page's language. */
export function explain(refusal: Refusal, lang: Language): string {
  if (refusal.reason) return pick(refusal.reason, lang);
  const known = refusal.code ? byCode[refusal.code] : undefined;
  if (known) return pick(known, lang);
  return capitalise(refusal.message || refusal.code || "");
}
