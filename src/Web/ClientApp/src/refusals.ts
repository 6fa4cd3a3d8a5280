import { pick } from "./i18n";
import type { Language, Text } from "./protocol";

// The server says why not in both languages (a refusal's `reason`); the page only picks its
// language. A refusal without one (a tool, an older server) shows the server's English sentence,
// so nothing is ever hidden.

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
