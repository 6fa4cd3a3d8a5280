import { wordWall } from "../../debrief";
import { useLanguage } from "../../i18n";
import type { DebriefNote, ReflectionRecord, ScenarioInfo, SeatHistory } from "../../protocol";
import { roleName } from "../../scenario";

/** The reflection words of a table, each as big as it was frequent. */
export function WordWall({ reflections, scenario }: { reflections: ReflectionRecord[]; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const words = wordWall(reflections);
  if (words.length === 0) return <p class="muted">{t.debrief.noReflections}</p>;
  return (
    <>
      <p class="field__hint">{t.debrief.reflectionsHint}</p>
      <ul class="word-wall">
        {words.map((w) => (
          <li key={w.word} class={`word word--${w.size}`} title={w.roles.map((r) => roleName(scenario, r, lang)).join(", ")}>
            {w.word}
            <span class="visually-hidden"> ({t.debrief.times(w.count)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The handover notes and the reflections' sentences, each with who wrote it as which role after which round. */
export function HandoverNotes({ notes, reflections, seats, scenario }: { notes: DebriefNote[]; reflections: ReflectionRecord[]; seats: SeatHistory[]; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const written = [...notes, ...reflections.filter((r) => r.text.trim()).map((r) => ({ ...r, text: `${r.word}: ${r.text}` }))].sort((a, b) => a.version - b.version);
  if (written.length === 0) return <p class="muted">{t.debrief.noNotes}</p>;
  return (
    <ul class="notes-list">
      {written.map((n) => {
        const name = seats.find((s) => s.seat === n.seat)?.name ?? "";
        const role = roleName(scenario, n.role, lang);
        return (
          <li key={n.version} class="quote">
            {n.text}
            <span class="quote__label notes-list__from">{t.debrief.noteFrom(name && role ? t.headline.who(name, role) : name || role, n.round)}</span>
          </li>
        );
      })}
    </ul>
  );
}
