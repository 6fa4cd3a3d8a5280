import { useState } from "preact/hooks";
import { apiProblem, sendWithBearer } from "../../api";
import { useLanguage } from "../../i18n";
import type { WorkshopInfo } from "../../protocol";
import { navigate } from "../../router";
import { facilitatorKey } from "../../storage";
import { Field, FormError } from "../Field";

/**
 * What cannot be undone, apart and asked twice: replacing the facilitator key (the old one stops
 * working everywhere, other consoles close; the new one is shown once) and deleting the workshop
 * from the store (docs/privacy.md). Deleting asks for the join code to be typed.
 */
export function DangerZone({
  workshop,
  currentKey,
  onRotating,
  onKeyReplaced,
}: {
  workshop: WorkshopInfo;
  currentKey: string;
  /** Called with true before the request and false when it failed, so the console does not close on its own rotation. */
  onRotating: (rotating: boolean) => void;
  onKeyReplaced: (key: string) => void;
}) {
  const { lang, t } = useLanguage();
  const [confirmingRotation, setConfirmingRotation] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [typedCode, setTypedCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const base = `/api/workshops/${encodeURIComponent(workshop.workshopId)}`;

  const rotate = async () => {
    setBusy(true);
    setProblem(null);
    onRotating(true);
    const result = await sendWithBearer<{ facilitatorKey: string }>("POST", `${base}/key`, currentKey);
    setBusy(false);
    setConfirmingRotation(false);
    if (!result.ok || !result.value) {
      onRotating(false);
      if (!result.ok) setProblem(apiProblem(result, t, lang));
      return;
    }
    setNewKey(result.value.facilitatorKey);
    onKeyReplaced(result.value.facilitatorKey);
  };

  const remove = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const result = await sendWithBearer<null>("DELETE", base, currentKey);
    setBusy(false);
    if (!result.ok) {
      setProblem(apiProblem(result, t, lang));
      return;
    }
    facilitatorKey.clear(workshop.workshopId);
    navigate("/");
  };

  const codeMatches = typedCode.trim().toUpperCase() === workshop.joinCode.toUpperCase();
  return (
    <section class="card danger-zone" aria-labelledby="danger-zone">
      <h2 id="danger-zone" class="card__title">
        {t.danger.heading}
      </h2>
      <p class="muted">{t.danger.intro}</p>
      <FormError message={problem} />

      <h3 class="small-heading">{t.danger.rotateTitle}</h3>
      <p>{t.danger.rotateHelp}</p>
      {newKey && (
        <p class="danger-zone__key" role="status">
          {t.danger.newKey} <code>{newKey}</code>
        </p>
      )}
      {confirmingRotation ? (
        <div class="button-row">
          <button type="button" class="button button--danger" disabled={busy} onClick={() => void rotate()}>
            {t.danger.rotateConfirm}
          </button>
          <button type="button" class="button" disabled={busy} onClick={() => setConfirmingRotation(false)}>
            {t.danger.cancel}
          </button>
        </div>
      ) : (
        <button type="button" class="button" onClick={() => setConfirmingRotation(true)}>
          {t.danger.rotateButton}
        </button>
      )}

      <h3 class="small-heading">{t.danger.deleteTitle}</h3>
      <p>{t.danger.deleteHelp}</p>
      <form onSubmit={(e) => void remove(e)}>
        <Field id="delete-code" label={t.danger.deleteLabel(workshop.joinCode)}>
          {(control) => <input {...control} type="text" autoComplete="off" spellcheck={false} value={typedCode} onInput={(e) => setTypedCode(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button button--danger" disabled={busy || !codeMatches}>
          {t.danger.deleteButton}
        </button>
      </form>
    </section>
  );
}
