import { useState } from "preact/hooks";
import { useLanguage } from "../../i18n";
import { Field, FormError } from "../Field";

/** Asks for the facilitator key when this device does not know it (or it did not fit: `error` says why). */
export function KeyForm({ error, onKey }: { error: string | null; onKey: (key: string) => void }) {
  const { t } = useLanguage();
  const [key, setKey] = useState("");
  return (
    <section class="card" aria-labelledby="key-heading">
      <h1 id="key-heading" class="card__title">
        {t.facilitator.heading}
      </h1>
      <FormError message={error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onKey(key.trim());
        }}
      >
        <Field id="facilitator-key" label={t.facilitator.keyLabel} hint={t.facilitator.keyNeeded}>
          {(control) => <input {...control} type="text" autoComplete="off" spellcheck={false} value={key} onInput={(e) => setKey(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button button--primary" disabled={!key.trim()}>
          {t.facilitator.open}
        </button>
      </form>
    </section>
  );
}
