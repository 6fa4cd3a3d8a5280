import { useState } from "preact/hooks";
import { apiProblem, getWithBearer } from "../api";
import { useLanguage } from "../i18n";
import { FormError } from "./Field";

/** "Download what the workshop holds about me": GET /api/me with the seat token, saved as a JSON file (docs/privacy.md). */
export function MyData({ token }: { token: string }) {
  const { lang, t } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setProblem(null);
    const result = await getWithBearer<unknown>("/api/me", token);
    setBusy(false);
    if (!result.ok) {
      setProblem(apiProblem(result, t, lang));
      return;
    }
    const url = URL.createObjectURL(new Blob([JSON.stringify(result.value, null, 2)], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "regiolab-my-data.json";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section class="my-data" aria-labelledby="my-data">
      <h3 id="my-data" class="small-heading">
        {t.myData.heading}
      </h3>
      <p class="muted">{t.myData.help}</p>
      <FormError message={problem} />
      <button type="button" class="button" disabled={busy} onClick={() => void download()}>
        {t.myData.button}
      </button>
    </section>
  );
}
