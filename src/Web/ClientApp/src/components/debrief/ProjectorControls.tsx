import { useEffect, useRef, useState } from "preact/hooks";
import { apiProblem, sendWithBearer } from "../../api";
import { pick, useLanguage } from "../../i18n";
import type { ProjectorShow, ProjectorShowKind, ScenarioInfo, ShowRequest } from "../../protocol";
import type { Debrief } from "./useDebrief";

const kinds: (ProjectorShowKind | "none")[] = ["none", "prompt", "curve", "tables", "reflections", "timeline", "roles"];

/** The choices that follow the scrubber. */
const follows = (kind: ProjectorShowKind | "none") => kind === "timeline" || kind === "roles";

/** While the timeline or the roles are on the projector, the scrubber's version is sent at most this often (ms). */
const followEvery = 600;

/**
 * What the room sees: the facilitator picks one thing for the projector (the live tables, the current
 * prompt, one indicator's curve, the tables compared, the word wall, the timeline as the scrubber moves).
 * The choice is kept in the workshop (PUT …/projector), so a projector on any web host shows it.
 */
export function ProjectorControls({
  workshopId,
  debrief,
  scenario,
  table,
  version,
  prompt,
}: {
  workshopId: string;
  debrief: Debrief;
  scenario: ScenarioInfo;
  table: number;
  version: number;
  prompt: number;
}) {
  const { lang, t } = useLanguage();
  // The controls start from what the projector shows now (chosen earlier, maybe on another page); a choice
  // about another table leaves this table's controls at "live" but is named in the status line.
  const now = debrief.debrief?.projector ?? null;
  const ours = now && (now.table === null || now.table === table) ? now : null;
  const [kind, setKind] = useState<ProjectorShowKind | "none">(ours?.kind ?? "none");
  const [metric, setMetric] = useState(ours?.metric ?? scenario.metrics[0]?.id ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [shown, setShown] = useState<ProjectorShow | null>(now);
  // The page opening sends nothing: what the projector shows changes only when the facilitator chooses.
  const sent = useRef<string | null>(null);

  // One request describes the whole choice; the same choice twice is not sent again.
  useEffect(() => {
    if (!debrief.key) return;
    const request: ShowRequest = {
      kind,
      table: kind === "tables" || kind === "prompt" || kind === "none" ? null : table,
      metric: kind === "curve" || kind === "tables" ? metric : null,
      prompt: kind === "prompt" ? prompt : null,
      version: follows(kind) ? version : null,
    };
    const body = JSON.stringify(request);
    if (sent.current === null) sent.current = body;
    if (body === sent.current) return;
    const key = debrief.key;
    const timer = setTimeout(
      () => {
        sent.current = body;
        void sendWithBearer<ProjectorShow | null>("PUT", `/api/workshops/${encodeURIComponent(workshopId)}/projector`, key, request).then((result) => {
          if (result.ok) {
            setShown(result.value);
            setProblem(null);
          } else {
            sent.current = "";
            setProblem(apiProblem(result, t, lang));
          }
        });
      },
      follows(kind) ? followEvery : 0,
    );
    return () => clearTimeout(timer);
  }, [kind, metric, table, version, prompt, debrief.key, workshopId, t, lang]);

  const id = `projector-${table}`;
  return (
    <div class="projector-controls">
      <p class="field__hint">{t.observe.projectorHint}</p>
      <fieldset class="projector-controls__kinds">
        <legend class="visually-hidden">{t.observe.projector}</legend>
        {kinds.map((k) => (
          <button key={k} type="button" class="button button--small" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t.observe.show[k]}
          </button>
        ))}
      </fieldset>
      {(kind === "curve" || kind === "tables") && (
        <label class="projector-controls__metric" for={`${id}-metric`}>
          {t.observe.metric}{" "}
          <select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.currentTarget.value)}>
            {scenario.metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {pick(m.label, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === "roles" && <p class="field__hint">{t.observe.rolesHint}</p>}
      <p role="status" class={problem ? "pinned-notes__error" : "muted"}>
        {/* A refused choice says why, and what the room still sees. */}
        {problem ? `${problem} ${t.observe.showing(t.observe.show[shown?.kind ?? "none"] ?? "")}` : t.observe.showing(t.observe.show[shown?.kind ?? "none"] ?? "")}
      </p>
    </div>
  );
}
