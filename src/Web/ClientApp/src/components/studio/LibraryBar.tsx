import { useState } from "preact/hooks";
import { pick, useLanguage } from "../../i18n";
import type { ScenarioEntry } from "../../protocol";
import { Field } from "../Field";

const entryKey = (e: ScenarioEntry) => `${e.id}@${e.version}`;

/** Open a library version: every version of every scenario, built-ins marked (they open read-only). */
export function OpenForm({ entries, current, busy, onOpen }: { entries: ScenarioEntry[]; current: string | null; busy: boolean; onOpen: (entry: ScenarioEntry) => void }) {
  const { lang, t } = useLanguage();
  const [chosen, setChosen] = useState<string>(current ?? "");
  const selected = entries.find((e) => entryKey(e) === chosen) ?? entries[0];
  const tag = (e: ScenarioEntry) => (e.builtIn ? t.studio.builtIn : e.inUse ? t.studio.inUse : t.studio.draft);
  return (
    <form
      class="studio-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (selected) onOpen(selected);
      }}
    >
      <Field id="studio-open" label={t.studio.library}>
        {(control) => (
          <select {...control} value={selected ? entryKey(selected) : ""} onChange={(e) => setChosen(e.currentTarget.value)}>
            {entries.map((e) => (
              <option key={entryKey(e)} value={entryKey(e)}>
                {`${pick(e.title, lang)} — ${e.id} v${e.version} (${tag(e)})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" class="button" disabled={busy || !selected}>
        {busy ? t.studio.opening : t.studio.open}
      </button>
    </form>
  );
}

/** Fork the open version into a new id (the server writes it as version 1 of that id). */
export function ForkForm({ busy, onFork }: { busy: boolean; onFork: (id: string) => void }) {
  const { t } = useLanguage();
  const [id, setId] = useState("");
  const valid = /^[a-z][a-z0-9_]{0,39}$/.test(id);
  return (
    <form
      class="studio-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onFork(id);
      }}
    >
      <Field id="studio-fork-id" label={t.studio.forkId} hint={t.studio.forkHint}>
        {(control) => <input {...control} type="text" autoComplete="off" spellcheck={false} maxLength={40} value={id} onInput={(e) => setId(e.currentTarget.value.trim())} />}
      </Field>
      <button type="submit" class="button" disabled={busy || !valid}>
        {t.studio.fork}
      </button>
    </form>
  );
}
