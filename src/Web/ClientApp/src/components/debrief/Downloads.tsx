import { useState } from "preact/hooks";
import { apiProblem, downloadWithBearer } from "../../api";
import { useLanguage } from "../../i18n";
import type { Debrief } from "./useDebrief";

type FileKind = "report" | "csv" | "log";

/** Each download: where it is, and the name used when the server offers none. */
const files: Record<FileKind, { path: string; fallback: string }> = {
  report: { path: "report.html", fallback: "regiolab-rapport.html" },
  csv: { path: "export.zip", fallback: "regiolab-export.zip" },
  log: { path: "export.json", fallback: "regiolab-export.json" },
};

/**
 * What the facilitator takes home: the report as one printable file, the debrief's tables as CSV files
 * (a zip, for Excel or LibreOffice) and the whole log as JSON (docs/export.md). The files need the
 * facilitator key, so they are fetched with it and saved; an observer's key is refused them.
 */
export function Downloads({ workshopId, debrief }: { workshopId: string; debrief: Debrief }) {
  const { lang, t } = useLanguage();
  const [busy, setBusy] = useState<FileKind | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const download = async (kind: FileKind) => {
    if (!debrief.key || busy) return;
    setBusy(kind);
    setStatus(null);
    const file = files[kind];
    const result = await downloadWithBearer(`/api/workshops/${encodeURIComponent(workshopId)}/${file.path}`, debrief.key, file.fallback);
    setBusy(null);
    setStatus(result.ok ? { text: t.debrief.downloaded(result.value), error: false } : { text: apiProblem(result, t, lang), error: true });
  };
  return (
    <div class="downloads">
      <p class="field__hint">{t.debrief.downloadsHint}</p>
      <ul class="downloads__list">
        {(Object.keys(files) as FileKind[]).map((kind) => (
          <li key={kind}>
            <button type="button" class="button button--small" aria-describedby={`download-${kind}-what`} disabled={busy !== null} onClick={() => void download(kind)}>
              {busy === kind ? t.debrief.downloading : t.debrief.download[kind]}
            </button>{" "}
            <span id={`download-${kind}-what`} class="muted">
              {t.debrief.downloadWhat[kind]}
            </span>
          </li>
        ))}
      </ul>
      <p role="status" class={status?.error ? "pinned-notes__error" : "muted"}>
        {status?.text ?? ""}
      </p>
    </div>
  );
}
