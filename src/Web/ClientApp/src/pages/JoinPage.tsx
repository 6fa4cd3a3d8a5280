import { useEffect, useState } from "preact/hooks";
import { api, apiProblem } from "../api";
import { Notice, TopBar } from "../components/Chrome";
import { Field, FormError } from "../components/Field";
import { asLanguage, pick, useLanguage } from "../i18n";
import { type JoinInfo, Limits, type TableSeats } from "../protocol";
import { followLink, navigate } from "../router";
import { seatName, seatToken } from "../storage";
import { useTitle } from "../title";

/** The table a join link names (`?table=2`), or null. */
function linkedTable(): number | null {
  const table = Number(new URLSearchParams(location.search).get("table"));
  return Number.isInteger(table) && table > 0 ? table : null;
}

/** When players pick their table: each table with its players and free seats; a full one can not be chosen. */
function TableChoice({ seats, chosen, onChoose }: { seats: TableSeats[]; chosen: number | null; onChoose: (table: number) => void }) {
  const { t } = useLanguage();
  return (
    <fieldset class="table-choice">
      <legend>{t.seating.chooseTable}</legend>
      <p class="field__hint" id="table-choice-hint">
        {t.seating.chooseHint}
      </p>
      {seats.map((s) => {
        const free = Math.max(0, s.max - s.players);
        const status = s.started && free > 0 ? `${t.seating.running}, ${t.seating.free(free)}` : t.seating.free(free);
        return (
          <label key={s.table} class={`choice${free === 0 ? " choice--full" : ""}`}>
            <input
              type="radio"
              name="table"
              value={s.table}
              checked={chosen === s.table}
              disabled={free === 0}
              aria-describedby="table-choice-hint"
              onChange={() => onChoose(s.table)}
            />{" "}
            {t.seating.tableChoice(s.table, s.players, status)}
          </label>
        );
      })}
    </fieldset>
  );
}

/** `/join/{CODE}`, phone first: which workshop this is, a name, a table when players pick their own, and a seat. */
export function JoinPage({ code }: { code: string }) {
  const { lang, t, suggest } = useLanguage();
  const [info, setInfo] = useState<JoinInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  useTitle(t.pageTitle.join(code));
  const [error, setError] = useState<string | null>(null);
  const [table, setTable] = useState<number | null>(linkedTable);
  const existing = seatToken.get(code);
  const picking = info?.seating === "pick";

  const loadInfo = () =>
    api.joinInfo(code).then((result) => {
      if (result.ok) {
        setInfo(result.value);
        const language = asLanguage(result.value.language);
        if (language) suggest(language);
      } else setLoadError(apiProblem(result, t, lang));
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per code (the page's identity); a language switch does not load again
  useEffect(() => {
    void loadInfo();
  }, [code]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || busy || (picking && table === null)) return;
    setBusy(true);
    setError(null);
    const result = await api.join(code, trimmed, picking ? (table ?? undefined) : undefined);
    setBusy(false);
    if (!result.ok) {
      setError(apiProblem(result, t, lang));
      // A table filled up meanwhile: show the seats as they are now.
      if (picking) void loadInfo();
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
                {picking && <TableChoice seats={info.seats} chosen={table} onChoose={setTable} />}
                <button type="submit" class={`button button--wide ${existing ? "" : "button--primary"}`} disabled={busy || !name.trim() || (picking && table === null)}>
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
