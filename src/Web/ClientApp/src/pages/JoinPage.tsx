import { useEffect, useState } from "preact/hooks";
import { api, apiProblem } from "../api";
import { Notice, TopBar } from "../components/Chrome";
import { Field, FormError } from "../components/Field";
import { asLanguage, pick, useLanguage } from "../i18n";
import { type JoinInfo, Limits } from "../protocol";
import { followLink, navigate } from "../router";
import { seatName, seatToken } from "../storage";
import { useTitle } from "../title";

/** `/join/{CODE}`, phone first: which workshop this is, a name, and a seat. */
export function JoinPage({ code }: { code: string }) {
  const { lang, t, suggest } = useLanguage();
  const [info, setInfo] = useState<JoinInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  useTitle(t.pageTitle.join(code));
  const [error, setError] = useState<string | null>(null);
  const existing = seatToken.get(code);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per code (the page's identity); a language switch does not load again
  useEffect(() => {
    void api.joinInfo(code).then((result) => {
      if (result.ok) {
        setInfo(result.value);
        const language = asLanguage(result.value.language);
        if (language) suggest(language);
      } else setLoadError(apiProblem(result, t, lang));
    });
  }, [code]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || busy) return;
    setBusy(true);
    setError(null);
    const result = await api.join(code, trimmed);
    setBusy(false);
    if (!result.ok) {
      setError(apiProblem(result, t, lang));
      return;
    }
    seatToken.set(code, result.value.seatToken);
    seatName.set(code, result.value.name);
    navigate(`/play/${code}`);
  };

  return (
    <>
      <TopBar />
      <main class="page page--narrow" id="main">
        {loadError && (
          <Notice tone="error">
            <p>{loadError}</p>
            <p>
              <a href="/" onClick={(e) => followLink(e, "/")}>
                {t.home}
              </a>
            </p>
          </Notice>
        )}
        {!info && !loadError && <p class="muted">{t.loading}</p>}
        {info && (
          <>
            <h1>{t.join.heading(info.title)}</h1>
            <p class="lead">
              <span class="muted">{t.join.scenario}: </span>
              {pick(info.scenarioTitle, lang)}
            </p>
            {existing && (
              <section class="card card--attention" aria-labelledby="continue-heading">
                <p id="continue-heading">{t.join.already(seatName.get(code))}</p>
                <button type="button" class="button button--primary button--wide" onClick={() => navigate(`/play/${code}`)}>
                  {t.join.continue}
                </button>
              </section>
            )}
            <section class="card" aria-label={t.start.joinHeading}>
              {existing && <p>{t.join.asSomeoneElse}</p>}
              <form onSubmit={(e) => void submit(e)}>
                <Field id="player-name" label={t.join.nameLabel} hint={t.join.nameHint}>
                  {(control) => (
                    <input {...control} type="text" autoComplete="given-name" maxLength={Limits.name} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
                  )}
                </Field>
                <button type="submit" class={`button button--wide ${existing ? "" : "button--primary"}`} disabled={busy || !name.trim()}>
                  {busy ? t.join.joining : t.join.button}
                </button>
                <FormError message={error} />
              </form>
            </section>
          </>
        )}
      </main>
    </>
  );
}
