import { useEffect, useState } from "preact/hooks";
import { momentAt, step, type TimelineMark, type Where, whereAt } from "../../debrief";
import { pick, type Strings, useLanguage } from "../../i18n";
import type { Language, Moment, ScenarioInfo, SeatHistory } from "../../protocol";
import { roleName } from "../../scenario";

const speeds = [1, 2, 5, 10] as const;

/** The game at a version in words: where it was after the event, and the event: "Ronde 1 van 4 · Verkennen · Actie · Anna als Wethouder". */
export function describeMoment(timeline: Moment[], version: number, now: Where, scenario: ScenarioInfo, seats: SeatHistory[], lang: Language, t: Strings): string {
  const moment = momentAt(timeline, version);
  if (!moment) return t.debrief.beforeStart;
  const at = whereAt(timeline, version, now);
  const where =
    at.stage === "playing"
      ? [t.roundOf(at.round, scenario.rounds), pick(scenario.phases.find((p) => p.id === at.phase)?.label, lang)].filter(Boolean).join(" · ")
      : t.stage[at.stage];
  const what = t.debrief.events[moment.kind] ?? moment.kind;
  const name = moment.seat === null ? null : (seats.find((s) => s.seat === moment.seat)?.name ?? null);
  const role = roleName(scenario, moment.role, lang);
  const who = name && role ? t.headline.who(name, role) : (name ?? role);
  return `${where} · ${who ? t.debrief.eventBy(what, who) : what}`;
}

/**
 * The table's timeline: a range over the log's versions (arrow keys step one event), the rounds and
 * phases drawn under it, buttons to step and to jump to a round, and playback at a chosen speed.
 */
export function Scrubber({
  table,
  timeline,
  now,
  marks,
  last,
  version,
  onVersion,
  scenario,
  seats,
  notes = [],
}: {
  table: number;
  timeline: Moment[];
  /** Where the table is now (after its last event). */
  now: Where;
  marks: TimelineMark[];
  last: number;
  version: number;
  onVersion: (version: number) => void;
  scenario: ScenarioInfo;
  seats: SeatHistory[];
  /** The versions of the notes pinned at this table (facilitator and observers), marked on the track. */
  notes?: number[];
}) {
  const { lang, t } = useLanguage();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(2);

  useEffect(() => {
    if (!playing) return;
    if (version >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => onVersion(step(version, 1, last)), 1000 / speed);
    return () => clearTimeout(timer);
  }, [playing, version, last, speed, onVersion]);

  const id = `scrubber-${table}`;
  const x = (v: number) => (last > 0 ? (v / last) * 1000 : 0);
  const rounds = marks.filter((m) => m.kind === "round");
  const phases = marks.filter((m) => m.kind === "phase");
  const at = whereAt(timeline, version, now);
  const said = describeMoment(timeline, version, now, scenario, seats, lang, t);
  return (
    <div class="scrubber">
      <div class="scrubber__head">
        <label for={id} class="scrubber__label">
          {t.debrief.scrubLabel}
        </label>
        <output for={id} class="scrubber__where" aria-live={playing ? "off" : "polite"}>
          {version > 0 ? `${t.debrief.atEvent(version, last)} · ` : ""}
          {said}
        </output>
      </div>
      <div class="scrubber__track">
        <svg class="scrubber__marks" viewBox="0 0 1000 24" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          {rounds.map((r) => (
            <rect
              key={`r${r.round}`}
              class={`scrubber__round scrubber__round--${r.round % 2 ? "odd" : "even"}`}
              x={x(r.from)}
              y="0"
              width={Math.max(2, x(r.to) - x(r.from))}
              height="24"
            />
          ))}
          {phases.map((p) => (
            <rect key={`p${p.from}`} class="scrubber__phase" x={x(p.from)} y="0" width="2" height="24" />
          ))}
          {notes.map((v) => (
            <polygon key={`n${v}`} class="scrubber__note" points={`${x(v) - 6},0 ${x(v) + 6},0 ${x(v)},10`} />
          ))}
          <rect class="scrubber__now" x={Math.max(0, x(version) - 2)} y="0" width="4" height="24" />
        </svg>
        <input
          id={id}
          class="scrubber__range"
          type="range"
          min={0}
          max={last}
          step={1}
          value={version}
          aria-describedby={`${id}-hint`}
          aria-valuetext={said}
          onInput={(e) => {
            setPlaying(false);
            onVersion(Number(e.currentTarget.value));
          }}
        />
      </div>
      <p id={`${id}-hint`} class="field__hint">
        {t.debrief.scrubHint}
      </p>
      <div class="scrubber__controls">
        <div class="button-row">
          <button type="button" class="button button--small" aria-label={t.debrief.previousLabel} disabled={version <= 0} onClick={() => onVersion(step(version, -1, last))}>
            <span aria-hidden="true">◀ </span>
            {t.debrief.previous}
          </button>
          <button
            type="button"
            class="button button--small button--primary"
            aria-pressed={playing}
            onClick={() => setPlaying((p) => !p && version < last)}
            disabled={version >= last && !playing}
          >
            {playing ? t.debrief.stop : t.debrief.play}
          </button>
          <button type="button" class="button button--small" aria-label={t.debrief.nextLabel} disabled={version >= last} onClick={() => onVersion(step(version, 1, last))}>
            {t.debrief.next}
            <span aria-hidden="true"> ▶</span>
          </button>
          <label class="scrubber__speed">
            {t.debrief.speed}{" "}
            <select value={String(speed)} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
              {speeds.map((s) => (
                <option key={s} value={String(s)}>
                  {t.debrief.perSecond(s)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <nav class="scrubber__jumps" aria-label={t.debrief.jumpTo}>
          <span class="muted">{t.debrief.jumpTo}:</span>
          {rounds.map((r) => (
            <button
              key={r.round}
              type="button"
              class="link-button"
              aria-current={at.stage === "playing" && at.round === r.round ? "step" : undefined}
              onClick={() => onVersion(r.from)}
            >
              {t.debrief.roundStart(r.round)}
            </button>
          ))}
          <button type="button" class="link-button" onClick={() => onVersion(last)}>
            {t.debrief.toEnd}
          </button>
        </nav>
      </div>
    </div>
  );
}
