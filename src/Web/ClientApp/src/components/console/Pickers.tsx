import type { ComponentChildren } from "preact";
import { pick, useLanguage } from "../../i18n";
import type { ScenarioInfo, SeatSummary } from "../../protocol";

/** A labelled select in an inline form. */
function Picker({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange: (value: string) => void; children: ComponentChildren }) {
  return (
    <span class="inline-form__pair">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {children}
      </select>
    </span>
  );
}

/** One of the scenario's dilemmas, by its title. */
export function DilemmaPicker({ id, scenario, value, onChange }: { id: string; scenario: ScenarioInfo; value: string; onChange: (id: string) => void }) {
  const { lang, t } = useLanguage();
  return (
    <Picker id={id} label={t.facilitator.dilemmaLabel} value={value} onChange={onChange}>
      {scenario.dilemmas.map((d) => (
        <option key={d.id} value={d.id}>
          {pick(d.title, lang)}
        </option>
      ))}
    </Picker>
  );
}

/** One of a table's seats, by its player's name; with `none`, also a first choice for none of them (null). */
export function SeatPicker({
  id,
  label,
  seats,
  value,
  none,
  onChange,
}: {
  id: string;
  label: string;
  seats: SeatSummary[];
  value: number | null;
  none?: string;
  onChange: (seat: number | null) => void;
}) {
  return (
    <Picker id={id} label={label} value={value === null ? "" : String(value)} onChange={(v) => onChange(v === "" ? null : Number(v))}>
      {none !== undefined && <option value="">{none}</option>}
      {seats.map((s) => (
        <option key={s.seat} value={s.seat}>
          {s.name}
        </option>
      ))}
    </Picker>
  );
}
