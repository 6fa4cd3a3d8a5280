import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, apiProblem } from "../api";
import { LiveRegion, Notice, TopBar } from "../components/Chrome";
import { Field } from "../components/Field";
import { BalancePanel } from "../components/studio/BalancePanel";
import { ForkForm, OpenForm } from "../components/studio/LibraryBar";
import { Outline } from "../components/studio/Outline";
import { PlayerPreview } from "../components/studio/PlayerPreview";
import { type EditorHandle, ScenarioEditor } from "../components/studio/ScenarioEditor";
import "../components/studio/studio.css";
import { useLanguage } from "../i18n";
import type { CreateWorkshopResponse, DiagnosticView, ScenarioEntry, ScenarioPreview } from "../protocol";
import { facilitatorKey, knownWorkshops } from "../storage";
import { declaredRef, definedIds, outline, studioDraft } from "../studio";
import { invalidOf, studioApi } from "../studioApi";
import { useTitle } from "../title";

/** The file in the editor: its text as opened, the library version it came from, and whether it may be edited. */
interface OpenFile {
  source: string;
  baseId: string | null;
  baseVersion: number | null;
  readOnly: boolean;
  /** Counts openings: the editor takes `source` when it changes. */
  loaded: number;
}

type Tab = "preview" | "balance";

function time(): string {
  return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Preview and balance report as tabs beside the editor (arrow keys move between them). */
function SideTabs({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  const { t } = useLanguage();
  const tabs: [Tab, string][] = [
    ["preview", t.studio.preview],
    ["balance", t.studio.balance],
  ];
  return (
    <div class="studio-tabs" role="tablist" aria-label={t.studio.title}>
      {tabs.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`studio-tab-${id}`}
          aria-controls={`studio-panel-${id}`}
          aria-selected={tab === id}
          tabIndex={tab === id ? 0 : -1}
          class={`studio-tabs__tab${tab === id ? " studio-tabs__tab--on" : ""}`}
          onClick={() => onTab(id)}
          onKeyDown={(e) => {
            if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
            e.preventDefault();
            const next = tab === "preview" ? "balance" : "preview";
            onTab(next);
            document.getElementById(`studio-tab-${next}`)?.focus();
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * `/studio`: write a scenario in CodeMirror with the server's diagnostics, completion and an outline; see it
 * as players will beside it; open, fork, keep a draft in the browser, publish, download, and play it.
 */
export function StudioPage() {
  const { lang, t } = useLanguage();
  const [entries, setEntries] = useState<ScenarioEntry[] | null>(null);
  const [file, setFile] = useState<OpenFile | null>(null);
  const [text, setText] = useState("");
  const [checked, setChecked] = useState("");
  const [report, setReport] = useState<{ errors: number; warnings: number } | null>(null);
  const [preview, setPreview] = useState<{ value: ScenarioPreview; stale: boolean } | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: "info" | "error" } | null>(null);
  const [busy, setBusy] = useState<"open" | "fork" | "publish" | "play" | null>(null);
  const [key, setKey] = useState("");
  const [tab, setTab] = useState<Tab>("preview");
  const [played, setPlayed] = useState<CreateWorkshopResponse | null>(null);
  const editor = useRef<EditorHandle | null>(null);
  const opening = useRef(0);
  const { id: declaredId, version: declaredVersion } = declaredRef(text);
  useTitle(declaredId ? `${t.studio.title} · ${declaredId}` : t.studio.title);

  const refused = useCallback((result: Parameters<typeof apiProblem>[0]) => setStatus({ text: apiProblem(result, t, lang), tone: "error" }), [t, lang]);

  const loadEntries = useCallback(async () => {
    const result = await api.scenarios();
    if (result.ok) setEntries(result.value);
    else refused(result);
    return result.ok ? result.value : [];
  }, [refused]);

  const show = useCallback((next: Omit<OpenFile, "loaded">) => {
    setFile((current) => ({ ...next, loaded: (current?.loaded ?? 0) + 1 }));
    setText(next.source);
    setPreview(null);
    setReport(null);
  }, []);

  const open = useCallback(
    async (entry: ScenarioEntry) => {
      setBusy("open");
      const request = ++opening.current;
      const result = await studioApi.source(entry.id, entry.version);
      // Only the latest opening counts: an earlier one that answers late changes nothing.
      if (request !== opening.current) return;
      setBusy(null);
      if (!result.ok) return refused(result);
      show({ source: result.value, baseId: entry.id, baseVersion: entry.version, readOnly: entry.builtIn });
      setStatus({ text: entry.builtIn ? t.studio.readOnly : t.studio.editing(entry.id, entry.version), tone: "info" });
    },
    [refused, show, t],
  );

  // First the draft this browser kept; without one, the first built-in as a starting point to fork.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on opening the page
  useEffect(() => {
    void loadEntries().then((list) => {
      const draft = studioDraft.get();
      if (draft) {
        show({ source: draft.source, baseId: draft.baseId, baseVersion: draft.baseVersion, readOnly: false });
        setStatus({ text: t.studio.draftRestored(new Date(draft.savedAt).toLocaleString()), tone: "info" });
      } else if (list[0]) void open(list[0]);
    });
  }, []);

  const check = useCallback(
    async (source: string): Promise<DiagnosticView[] | null> => {
      setChecked(source);
      const result = await studioApi.preview(source);
      if (!result.ok) {
        refused(result);
        return null;
      }
      const r = result.value;
      setReport({ errors: r.errors, warnings: r.warnings });
      setPreview((current) => (r.preview ? { value: r.preview, stale: false } : current ? { ...current, stale: true } : null));
      return r.diagnostics;
    },
    [refused],
  );

  const saveDraft = useCallback(() => {
    if (!file || file.readOnly) return;
    const saved = studioDraft.set({ source: text, baseId: file.baseId, baseVersion: file.baseVersion, savedAt: new Date().toISOString() });
    setStatus(saved ? { text: t.studio.draftSaved(time()), tone: "info" } : { text: t.studio.draftNotSaved, tone: "error" });
  }, [file, text, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        saveDraft();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveDraft]);

  const fork = async (newId: string) => {
    if (!file?.baseId || file.baseVersion === null) return;
    setBusy("fork");
    const result = await studioApi.fork(file.baseId, file.baseVersion, newId, key);
    setBusy(null);
    if (!result.ok) return refused(result);
    show({ source: result.value.source ?? text, baseId: result.value.id, baseVersion: result.value.version, readOnly: false });
    setStatus({ text: t.studio.forked(result.value.id), tone: "info" });
    await loadEntries();
  };

  /** Publishes the text; the server replaces a draft nobody played, or numbers past a played version. */
  const publish = async (): Promise<{ id: string; version: number } | null> => {
    const source = editor.current?.text() ?? text;
    const result = await studioApi.publish(source, key);
    if (!result.ok) {
      const invalid = invalidOf(result);
      if (invalid) setStatus({ text: t.studio.invalid(invalid.diagnostics.filter((d) => d.severity === "error").length), tone: "error" });
      else refused(result);
      return null;
    }
    const stored = result.value;
    if (stored.version !== declaredRef(source).version) {
      // The server wrote the next version number into the file: the editor shows the file as stored.
      const again = await studioApi.source(stored.id, stored.version);
      if (again.ok) show({ source: again.value, baseId: stored.id, baseVersion: stored.version, readOnly: false });
    } else if (file) setFile({ ...file, baseId: stored.id, baseVersion: stored.version, readOnly: false });
    setStatus({ text: t.studio.published(stored.id, stored.version), tone: "info" });
    await loadEntries();
    return { id: stored.id, version: stored.version };
  };

  const publishNow = async () => {
    setBusy("publish");
    await publish();
    setBusy(null);
  };

  /** The version to play: the newest stored version when its text is the editor's, else a newly published one. */
  const publishOrReuse = async (): Promise<{ id: string; version: number } | null> => {
    const source = editor.current?.text() ?? text;
    const newest = (entries ?? []).filter((e) => e.id === declaredRef(source).id).sort((a, b) => b.version - a.version)[0];
    if (newest && !newest.builtIn) {
      const stored = await studioApi.source(newest.id, newest.version);
      if (stored.ok && stored.value === source) return { id: newest.id, version: newest.version };
    }
    return publish();
  };

  const playIt = async () => {
    setBusy("play");
    setPlayed(null);
    // Opened within the click, so no pop-up blocker stops it; it goes to the console once the workshop exists.
    const tab = window.open("", "_blank");
    const version = await publishOrReuse();
    const created = version
      ? await api.createWorkshop({ scenario: version.id, scenarioVersion: version.version, tables: 1, language: lang, title: `Test ${version.id} v${version.version}` })
      : null;
    setBusy(null);
    if (!created?.ok) {
      tab?.close();
      if (created) refused(created);
      return;
    }
    const workshop = created.value;
    facilitatorKey.set(workshop.workshopId, workshop.facilitatorKey);
    knownWorkshops.add({ workshopId: workshop.workshopId, joinCode: workshop.joinCode, title: `Test ${version?.id}`, createdAt: new Date().toISOString() });
    if (tab) {
      tab.opener = null;
      tab.location.href = `/facilitator/${encodeURIComponent(workshop.workshopId)}`;
    }
    setPlayed(workshop);
    setStatus({ text: t.studio.played(workshop.joinCode), tone: "info" });
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/yaml;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${declaredId ?? "scenario"}.yaml`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const items = useMemo(() => outline(definedIds(checked)), [checked]);
  const current = file?.baseId && file.baseVersion !== null ? `${file.baseId}@${file.baseVersion}` : null;
  const readOnly = file?.readOnly ?? true;

  return (
    <>
      <TopBar />
      <main class="studio" id="main">
        <header class="studio__head">
          <h1 class="studio__title">{t.studio.title}</h1>
          <p class="muted">{t.studio.intro}</p>
        </header>
        <section class="studio__bar" aria-label={t.studio.fileActions}>
          {entries && <OpenForm key={current ?? ""} entries={entries} current={current} busy={busy === "open"} onOpen={(e) => void open(e)} />}
          <ForkForm busy={busy === "fork"} onFork={(id) => void fork(id)} />
          <div class="studio-form">
            <Field id="studio-key" label={t.studio.authorKey} hint={t.studio.authorKeyHint} optional>
              {(control) => <input {...control} type="password" autoComplete="off" value={key} onInput={(e) => setKey(e.currentTarget.value)} />}
            </Field>
          </div>
          <div class="studio__actions">
            <button type="button" class="button" disabled={readOnly} onClick={saveDraft}>
              {t.studio.saveDraft}
            </button>
            <button type="button" class="button" disabled={readOnly || busy !== null} onClick={() => void publishNow()}>
              {busy === "publish" ? t.studio.publishing : t.studio.publish}
            </button>
            <button type="button" class="button" disabled={!file} onClick={download}>
              {t.studio.download}
            </button>
            <button type="button" class="button button--primary" disabled={readOnly || busy !== null || (report?.errors ?? 1) > 0} onClick={() => void playIt()}>
              {busy === "play" ? t.studio.playing : t.studio.playIt}
            </button>
          </div>
        </section>
        {status && (
          <Notice tone={status.tone}>
            <span data-testid="studio-status">{status.text}</span>
          </Notice>
        )}
        {played && (
          <p class="studio__links">
            <a href={`/facilitator/${encodeURIComponent(played.workshopId)}`} target="_blank" rel="noopener">
              {t.studio.toConsole}
            </a>
            <a href={`/join/${encodeURIComponent(played.joinCode)}`} target="_blank" rel="noopener" data-testid="studio-join-link">
              {t.studio.toJoin}: {played.joinCode}
            </a>
          </p>
        )}
        <LiveRegion message={status?.text ?? ""} />
        {!file && entries && <p>{t.studio.nothingOpen}</p>}
        <div class="studio__body">
          <div class="studio__left">
            <Outline items={items} onJump={(offset) => editor.current?.jump(offset)} />
            {file && <ScenarioEditor source={file.source} loaded={file.loaded} readOnly={file.readOnly} check={check} onChange={setText} handle={editor} />}
            <p class="field__hint">{t.studio.editorHint}</p>
            <p class="studio__report" data-testid="studio-report">
              {report ? t.studio.problems(report.errors, report.warnings) : t.studio.checking}
              {declaredId && <span class="muted"> · {`${declaredId} v${declaredVersion}`}</span>}
            </p>
          </div>
          <div class="studio__right">
            <SideTabs tab={tab} onTab={setTab} />
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the tabs pattern (WAI-ARIA): the panel scrolls on its own, so the keyboard must reach it */}
            <div role="tabpanel" id="studio-panel-preview" aria-labelledby="studio-tab-preview" hidden={tab !== "preview"} tabIndex={0} class="studio__panel">
              <p class="muted">{t.studio.previewIntro}</p>
              {preview?.stale && <Notice>{t.studio.previewStale}</Notice>}
              {preview ? <PlayerPreview preview={preview.value} /> : report && <p>{t.studio.previewNone}</p>}
            </div>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the tabs pattern (WAI-ARIA): the panel scrolls on its own, so the keyboard must reach it */}
            <div role="tabpanel" id="studio-panel-balance" aria-labelledby="studio-tab-balance" hidden={tab !== "balance"} tabIndex={0} class="studio__panel">
              <BalancePanel source={text} />
            </div>
          </div>
        </div>
      </main>
    </>
  );
}
