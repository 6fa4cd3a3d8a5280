import type { Language, ScenarioInfo } from "./protocol";
import { pick } from "./i18n";
import { roleInfo } from "./scenario";

// The server explains a refusal (an Ack) and an unavailable action (ActionView.reason) in one
// English sentence. On a Dutch page that sentence is translated here by its known shapes; an
// unknown sentence is shown as the server wrote it, so nothing is ever hidden.

interface Shape {
  pattern: RegExp;
  nl: (m: RegExpMatchArray) => string;
}

const shapes: Shape[] = [
  { pattern: /^the game is paused; resume it first$/, nl: () => "Het spel is gepauzeerd; hervat het eerst." },
  { pattern: /^the game is paused$/, nl: () => "Het spel is even gepauzeerd." },
  { pattern: /^actions are taken during the rounds$/, nl: () => "Acties doe je tijdens de rondes." },
  { pattern: /^this can be done in: (.*)$/, nl: (m) => `Dit kan in de fase: ${m[1]}.` },
  { pattern: /^already done this round$/, nl: () => "Al gedaan deze ronde." },
  { pattern: /^already done (\d+) times this round$/, nl: (m) => `Deze ronde al ${m[1]} keer gedaan.` },
  { pattern: /^needs ([\d.,]+) (.*), you have ([\d.,-]+)$/, nl: (m) => `Nodig: ${m[1]} ${m[2]}; je hebt er ${m[3]}.` },
  { pattern: /^another vote is still open$/, nl: () => "Er loopt nog een andere stemming." },
  { pattern: /^nobody holds the role (.*) this round$/, nl: (m) => `Niemand heeft deze ronde de rol ${m[1]}.` },
  { pattern: /^only possible when (.*)$/, nl: (m) => `Alleen mogelijk als: ${m[1]}.` },
  { pattern: /^only the (.*) can do this$/, nl: (m) => `Alleen de rol ${m[1]} kan dit.` },
  { pattern: /^you have no seat at this table$/, nl: () => "Je hebt geen plek aan deze tafel." },
  { pattern: /^you have voted already$/, nl: () => "Je hebt al gestemd." },
  { pattern: /^this vote is closed$/, nl: () => "Deze stemming is al gesloten." },
  { pattern: /^this proposal is no longer open$/, nl: () => "Dit voorstel staat niet meer open." },
  { pattern: /^no dilemma is open$/, nl: () => "Er ligt geen dilemma op tafel." },
  { pattern: /^another dilemma is still open$/, nl: () => "Er ligt nog een ander dilemma op tafel." },
  { pattern: /^this dilemma is decided by a vote of all$/, nl: () => "Over dit dilemma stemt de hele tafel." },
  { pattern: /^the (.*) decides this dilemma$/, nl: (m) => `De rol ${m[1]} beslist over dit dilemma.` },
  { pattern: /^choose one of: (.*)$/, nl: (m) => `Kies een van: ${m[1]}.` },
  { pattern: /^vote one of: (.*)$/, nl: (m) => `Stem op een van: ${m[1]}.` },
  { pattern: /^a handover note has 1 to (\d+) characters$/, nl: (m) => `Een tip heeft 1 tot ${m[1]} tekens.` },
  { pattern: /^one word of at most (\d+) characters$/, nl: (m) => `Eén woord van hoogstens ${m[1]} tekens.` },
  { pattern: /^a name has 1 to (\d+) characters$/, nl: (m) => `Een naam heeft 1 tot ${m[1]} tekens.` },
  { pattern: /^handover notes are written during a round or at the role swap$/, nl: () => "Tips schrijf je tijdens een ronde of bij de rolwissel." },
  { pattern: /^reflections are given at the role swap and in the debrief$/, nl: () => "Reflecties geef je bij de rolwissel en in de nabespreking." },
  { pattern: /^the game has ended$/, nl: () => "Het spel is afgelopen." },
  { pattern: /^the game is over$/, nl: () => "Het spel is voorbij." },
  { pattern: /^the game has already started$/, nl: () => "Het spel is al begonnen." },
  { pattern: /^the game is not paused$/, nl: () => "Het spel is niet gepauzeerd." },
  { pattern: /^a game cannot be paused in (.*)$/, nl: () => "In deze stand kan het spel niet gepauzeerd worden." },
  { pattern: /^there is nothing after (.*)$/, nl: () => "Er komt hierna niets meer." },
  { pattern: /^no timer runs now$/, nl: () => "Er loopt nu geen timer." },
  { pattern: /^this seat has left the table$/, nl: () => "Deze plek heeft de tafel verlaten." },
  { pattern: /^there is no next round to assign roles for$/, nl: () => "Er komt geen ronde meer om rollen voor toe te wijzen." },
  { pattern: /^roles are planned when the game starts; assign them after the start$/, nl: () => "Rollen worden bij de start verdeeld; wijs ze daarna toe." },
  { pattern: /^this scenario needs at least (\d+) players; (\d+) seated$/, nl: (m) => `Deze casus heeft minstens ${m[1]} spelers nodig; er zitten er ${m[2]}.` },
  { pattern: /^this table seats at most (\d+) players$/, nl: (m) => `Aan deze tafel kunnen hoogstens ${m[1]} spelers.` },
  { pattern: /^dilemmas are injected during the rounds$/, nl: () => "Dilemma's breng je in tijdens de rondes." },
  { pattern: /^extend by -3600 to 3600 seconds, not 0$/, nl: () => "Verleng met −3600 tot 3600 seconden, niet 0." },
];

const byCode: Record<string, string> = {
  stale_version: "De tafel was net veranderd. Kijk nog eens en probeer het opnieuw.",
  storage_unavailable: "Even niet opgeslagen; er is niets veranderd. Probeer het opnieuw.",
  not_joined: "Je bent nog niet verbonden met je plek. Een ogenblik…",
  not_allowed: "Dat mag alleen de begeleider.",
  not_open: "De console is nog niet geopend.",
  invalid_key: "Deze sleutel past niet bij deze werksessie.",
};

const byCodeEn: Record<string, string> = {
  stale_version: "The table had just changed. Have another look and try again.",
  storage_unavailable: "Not saved just now; nothing changed. Please try again.",
};

/** Replaces the metric and resource ids in an author's formula with their labels. */
function readableFormula(sentence: string, scenario: ScenarioInfo | null, lang: Language): string {
  if (!scenario) return sentence;
  let result = sentence;
  for (const metric of scenario.metrics) {
    result = result.replace(new RegExp(`\\b${metric.id}\\b`, "g"), pick(metric.label, lang));
  }
  return result.replace(/\[([a-z0-9_]+)\.([a-z0-9_]+)\]/gi, (_, role: string, resource: string) => {
    const info = roleInfo(scenario, role);
    return info ? `${resource} (${pick(info.name, lang)})` : `${role}.${resource}`;
  });
}

function capitalise(sentence: string): string {
  const trimmed = sentence.trim();
  if (!trimmed) return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** A server sentence (refusal or reason) for the person, in the page's language. */
export function explain(code: string | null, message: string | null, lang: Language, scenario: ScenarioInfo | null): string {
  const sentence = (message ?? "").trim();
  if (lang === "en") {
    if (code && byCodeEn[code] && !sentence) return byCodeEn[code];
    if (code === "stale_version") return byCodeEn.stale_version ?? sentence;
    return capitalise(readableFormula(sentence || code || "", scenario, lang));
  }
  if (code && byCode[code] && (code === "stale_version" || code === "storage_unavailable" || !sentence)) {
    return byCode[code];
  }
  for (const shape of shapes) {
    const match = sentence.match(shape.pattern);
    if (match) return readableFormula(shape.nl(match), scenario, lang);
  }
  if (code && byCode[code]) return byCode[code];
  return capitalise(readableFormula(sentence || code || "", scenario, lang));
}
