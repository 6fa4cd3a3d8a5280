import { useEffect, useState } from "preact/hooks";
import { api, apiProblem } from "../api";
import { Notice, TopBar } from "../components/Chrome";
import { Field, FormError } from "../components/Field";
import { pick, useLanguage } from "../i18n";
import { type CreateWorkshopRequest, type CreateWorkshopResponse, type Language, Limits, type RotationMode, type ScenarioEntry, type SeatingMode } from "../protocol";
import { followLink, navigate } from "../router";
import { facilitatorKey, knownWorkshops, normaliseCode } from "../storage";

function JoinForm() {
  const { t } = useLanguage();
  const [code, setCode] = useState("");
  const cleaned = normaliseCode(code).replace(/[^A-Z0-9]/g, "");
  return (
    <section class="card" aria-labelledby="join-heading">
      <h2 id="join-heading" class="card__title">
        {t.start.joinHeading}
      </h2>
      <p>{t.start.joinIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (cleaned) navigate(`/join/${cleaned}`);
        }}
      >
        <Field id="join-code" label={t.start.codeLabel} hint={t.start.codeHint}>
          {(control) => (
            <input
              {...control}
              class="input--code"
              type="text"
              inputMode="text"
              autoCapitalize="characters"
              autoComplete="off"
              spellcheck={false}
              maxLength={12}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value.toUpperCase())}
            />
          )}
        </Field>
        <button type="submit" class="button button--primary button--wide" disabled={!cleaned}>
          {t.start.joinButton}
        </button>
      </form>
    </section>
  );
}

function CreatedPanel({ created, title }: { created: CreateWorkshopResponse; title: string }) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState(false);
  return (
    <section class="card card--attention" aria-labelledby="created-heading">
      <h2 id="created-heading" class="card__title" tabIndex={-1} ref={(el) => el?.focus()}>
        {t.start.createdHeading}: {title}
      </h2>
      <p>
        {t.facilitator.joinCode}: <strong class="code-inline">{created.joinCode}</strong>
      </p>
      <div class="key-box">
        <p class="small-heading" id="key-label">
          {t.start.keyLabel}
        </p>
        <p class="key-box__key">{created.facilitatorKey}</p>
        <p class="key-box__note">
          <strong>⚠ {t.start.keySave}</strong>
        </p>
        <button
          type="button"
          class="button"
          onClick={() => {
            void navigator.clipboard?.writeText(created.facilitatorKey).then(() => setCopied(true));
          }}
        >
          {copied ? `✓ ${t.start.copied}` : t.start.copy}
        </button>
      </div>
      <button type="button" class="button button--primary button--wide" onClick={() => navigate(`/facilitator/${encodeURIComponent(created.workshopId)}`)}>
        {t.start.toConsole}
      </button>
    </section>
  );
}

function CreateForm({ onCreated }: { onCreated: (created: CreateWorkshopResponse, title: string) => void }) {
  const { lang, t } = useLanguage();
  const [scenarios, setScenarios] = useState<ScenarioEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [scenario, setScenario] = useState("");
  // null: the newest version of the chosen scenario.
  const [version, setVersion] = useState<number | null>(null);
  const [tables, setTables] = useState(1);
  const [rotation, setRotation] = useState<RotationMode | "">("");
  const [seating, setSeating] = useState<SeatingMode>("spread");
  const [language, setLanguage] = useState<Language>(lang);
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once; the error is in the language of that moment
  useEffect(() => {
    void api.scenarios().then((result) => {
      if (result.ok) {
        setScenarios(result.value);
        setScenario((current) => current || (result.value[0]?.id ?? ""));
      } else setLoadError(apiProblem(result, t, lang));
    });
  }, []);

  const ids = [...new Set((scenarios ?? []).map((s) => s.id))];
  const versions = (scenarios ?? []).filter((s) => s.id === scenario).sort((a, b) => b.version - a.version);
  const chosen = versions.find((s) => s.version === version) ?? versions[0];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    const request: CreateWorkshopRequest = { scenario: chosen.id, scenarioVersion: chosen.version, tables, language };
    if (rotation) request.rotation = rotation;
    if (seating !== "spread") request.seating = seating;
    const trimmed = title.trim();
    if (trimmed) request.title = trimmed;
    const result = await api.createWorkshop(request);
    setBusy(false);
    if (!result.ok) {
      setError(apiProblem(result, t, lang));
      return;
    }
    facilitatorKey.set(result.value.workshopId, result.value.facilitatorKey);
    const shownTitle = trimmed || pick(chosen.title, language);
    knownWorkshops.add({ workshopId: result.value.workshopId, joinCode: result.value.joinCode, title: shownTitle, createdAt: new Date().toISOString() });
    onCreated(result.value, shownTitle);
  };

  return (
    <section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading" class="card__title">
        {t.start.createHeading}
      </h2>
      <p>{t.start.createIntro}</p>
      {loadError && <Notice tone="error">{`${t.start.noScenarios} ${loadError}`}</Notice>}
      {scenarios === null && !loadError && <p class="muted">{t.loading}</p>}
      {scenarios && (
        <form onSubmit={(e) => void submit(e)}>
          <Field id="scenario" label={t.start.scenario} note={chosen && pick(chosen.summary, lang)}>
            {(control) => (
              <select
                {...control}
                value={chosen ? `${chosen.id}@${newestOf(scenarios, chosen.id).version}` : ""}
                onChange={(e) => {
                  setScenario(e.currentTarget.value.split("@")[0] ?? "");
                  setVersion(null);
                }}
              >
                {ids.map((id) => (
                  <ScenarioOption key={id} newest={newestOf(scenarios, id)} />
                ))}
              </select>
            )}
          </Field>
          {versions.length > 1 && (
            <Field id="scenario-version" label={t.start.version}>
              {(control) => (
                <select {...control} value={chosen?.version ?? ""} onChange={(e) => setVersion(Number.parseInt(e.currentTarget.value, 10))}>
                  {versions.map((s) => (
                    <option key={s.version} value={s.version}>
                      {`${t.start.version} ${s.version}${s.builtIn || s.inUse ? "" : ` (${t.start.versionDraft})`}`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div class="field-row">
            <Field id="tables" label={t.start.tables} hint={t.start.tablesHint}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={Limits.maxTables}
                  value={tables}
                  onInput={(e) => setTables(Math.min(Limits.maxTables, Math.max(1, Number.parseInt(e.currentTarget.value, 10) || 1)))}
                />
              )}
            </Field>
            <Field id="workshop-language" label={t.start.workshopLanguage}>
              {(control) => (
                <select {...control} value={language} onChange={(e) => setLanguage(e.currentTarget.value === "en" ? "en" : "nl")}>
                  <option value="nl" lang="nl">
                    Nederlands
                  </option>
                  <option value="en" lang="en">
                    English
                  </option>
                </select>
              )}
            </Field>
          </div>
          <Field id="rotation" label={t.start.rotation}>
            {(control) => (
              <select {...control} value={rotation} onChange={(e) => setRotation(e.currentTarget.value as RotationMode | "")}>
                <option value="">{t.start.rotationDefault}</option>
                {(Object.keys(t.start.rotationMode) as RotationMode[]).map((mode) => (
                  <option key={mode} value={mode}>
                    {t.start.rotationMode[mode]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset class="table-choice">
            <legend>{t.seating.legend}</legend>
            {(["spread", "pick"] as SeatingMode[]).map((mode) => (
              <label key={mode} class="choice">
                <input type="radio" name="seating" value={mode} checked={seating === mode} onChange={() => setSeating(mode)} /> {t.seating[mode]}
              </label>
            ))}
            {seating === "pick" && <p class="field__hint">{t.seating.pickHint}</p>}
          </fieldset>
          <Field id="title" label={t.start.title} hint={t.start.titleHint} optional>
            {(control) => <input {...control} type="text" maxLength={Limits.title} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="button button--primary button--wide" disabled={busy || !chosen}>
            {busy ? t.start.creating : t.start.create}
          </button>
          <FormError message={error} />
        </form>
      )}
    </section>
  );
}

/** The newest version of a scenario in the library: its title names the scenario in the picker. */
function newestOf(scenarios: ScenarioEntry[], id: string): ScenarioEntry {
  return scenarios.filter((s) => s.id === id).reduce((newest, s) => (s.version > newest.version ? s : newest));
}

function ScenarioOption({ newest }: { newest: ScenarioEntry }) {
  const { lang } = useLanguage();
  // The value stays "id@version" (of the newest), as pages and browser tests have always picked scenarios by it.
  return <option value={`${newest.id}@${newest.version}`}>{newest.builtIn ? pick(newest.title, lang) : `${pick(newest.title, lang)} (${newest.id})`}</option>;
}

function KnownWorkshops() {
  const { t } = useLanguage();
  const workshops = knownWorkshops.list();
  if (workshops.length === 0) return null;
  return (
    <section class="card card--quiet" aria-labelledby="mine-heading">
      <h2 id="mine-heading" class="small-heading">
        {t.start.mine}
      </h2>
      <ul class="link-list">
        {workshops.map((w) => (
          <li key={w.workshopId}>
            <a href={`/facilitator/${encodeURIComponent(w.workshopId)}`} onClick={(e) => followLink(e, `/facilitator/${encodeURIComponent(w.workshopId)}`)}>
              {w.title}
            </a>{" "}
            <span class="muted">
              · {w.joinCode} · {new Date(w.createdAt).toLocaleDateString()}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `/`: join with a code, or create a workshop (and see its facilitator key once). */
export function StartPage() {
  const { t } = useLanguage();
  const [created, setCreated] = useState<{ response: CreateWorkshopResponse; title: string } | null>(null);
  return (
    <>
      <TopBar />
      <main class="page page--narrow" id="main">
        <h1 class="hero">{t.tagline}</h1>
        {created ? (
          <CreatedPanel created={created.response} title={created.title} />
        ) : (
          <>
            <JoinForm />
            <CreateForm onCreated={(response, title) => setCreated({ response, title })} />
            <KnownWorkshops />
            <p class="card card--quiet">
              <a href="/studio" onClick={(e) => followLink(e, "/studio")}>
                {t.studio.startLink}
              </a>
            </p>
          </>
        )}
      </main>
    </>
  );
}
