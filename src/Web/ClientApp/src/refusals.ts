import { pick } from "./i18n";
import type { Language, Text } from "./protocol";

// Every refusal of the server, over a hub (Ack, MoveResult, the *Session answers) or REST (ApiError),
// says why not in both languages (`reason`); the page only picks its language and keeps no texts of
// its own per code. An answer without one (a proxy's error page, an older server) shows its English
// sentence or its code, so nothing is ever hidden.

interface Refusal {
  code?: string | null;
  message?: string | null;
  reason?: Text | null;
}

function capitalise(sentence: string): string {
  const trimmed = sentence.trim();
  if (!trimmed) return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/** Why a command was refused, in the page's language. */
export function explain(refusal: Refusal, lang: Language): string {
  if (refusal.reason) return pick(refusal.reason, lang);
  return capitalise(refusal.message || refusal.code || "");
}
