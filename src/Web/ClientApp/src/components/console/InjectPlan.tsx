import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { pick, useLanguage } from "../../i18n";
import type { FacilitatorTable, PlannedInject, ScenarioInfo } from "../../protocol";
import { dilemmaTitle } from "../../scenario";
import { ControlFeedback } from "../Chrome";
import { DilemmaPicker } from "./Pickers";

/** One line of the run sheet: a dilemma planned for a round's phase, at each table that has it. */
interface PlanLine {
  key: string;
  round: number;
  phase: string;
  dilemma: string;
  at: { table: number; inject: PlannedInject }[];
}

/** The run sheet of every table, one line per round, phase and dilemma, in the order they will come. */
export function planLines(tables: Record<number, FacilitatorTable>, numbers: number[], scenario: ScenarioInfo): PlanLine[] {
  const lines = new Map<string, PlanLine>();
  for (const n of numbers) {
    for (const inject of tables[n]?.injects ?? []) {
      const key = `${inject.round}|${inject.phase}|${inject.dilemma}`;
      const line = lines.get(key) ?? { key, round: inject.round, phase: inject.phase, dilemma: inject.dilemma, at: [] };
      line.at.push({ table: n, inject });
      lines.set(key, line);
    }
  }
  const phaseIndex = (id: string) => scenario.phases.findIndex((p) => p.id === id);
  return [...lines.values()].sort((a, b) => a.round - b.round || phaseIndex(a.phase) - phaseIndex(b.phase) || a.dilemma.localeCompare(b.dilemma));
}

/** The inject plan (master events list): plan a dilemma for a round and phase at one table or all; each entry shows planned, done or cancelled per table. */
export function InjectPlan({
  tables,
  numbers,
  scenario,
  controls,
}: {
  tables: Record<number, FacilitatorTable>;
  numbers: number[];
  scenario: ScenarioInfo;
  controls: ConsoleControls;
}) {
  const { lang, t } = useLanguage();
  const [where, setWhere] = useState<number | null>(null);
  const [round, setRound] = useState(1);
  const [phase, setPhase] = useState(scenario.phases[0]?.id ?? "");
  const [dilemma, setDilemma] = useState(scenario.dilemmas[0]?.id ?? "");
  const key = "plan:add";
  const lines = planLines(tables, numbers, scenario);
  const phaseLabel = (id: string) => pick(scenario.phases.find((p) => p.id === id)?.label, lang) || id;
  return (
    <div class="inject-plan">
      <p class="muted small">{t.console.injectHint}</p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void controls.run(key, where, { type: "plan_inject", round, phase, dilemma });
        }}
      >
        <span class="inline-form__pair">
          <label for="plan-where">{t.console.injectWhere}</label>
          <select id="plan-where" value={where ?? ""} onChange={(e) => setWhere(e.currentTarget.value === "" ? null : Number(e.currentTarget.value))}>
            <option value="">{t.console.allTables}</option>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {t.table(n)}
              </option>
            ))}
          </select>
        </span>
        <span class="inline-form__pair">
          <label for="plan-round">{t.console.injectRound}</label>
          <select id="plan-round" value={round} onChange={(e) => setRound(Number(e.currentTarget.value))}>
            {Array.from({ length: scenario.rounds }, (_, i) => i + 1).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </span>
        <span class="inline-form__pair">
          <label for="plan-phase">{t.console.injectPhase}</label>
          <select id="plan-phase" value={phase} onChange={(e) => setPhase(e.currentTarget.value)}>
            {scenario.phases.map((p) => (
              <option key={p.id} value={p.id}>
                {pick(p.label, lang)}
              </option>
            ))}
          </select>
        </span>
        <DilemmaPicker id="plan-dilemma" scenario={scenario} value={dilemma} onChange={setDilemma} />
        <button type="submit" class="button button--small button--primary" disabled={controls.offline || controls.pending === key || !dilemma}>
          {t.console.plan}
        </button>
      </form>
      <ControlFeedback feedback={controls.feedback[key]} />
      {lines.length === 0 ? (
        <p class="muted">{t.console.noInjects}</p>
      ) : (
        <ul class="plain-list inject-plan__lines">
          {lines.map((line) => {
            const what = `${t.console.round(line.round)}, ${phaseLabel(line.phase)}: ${dilemmaTitle(scenario, line.dilemma, lang)}`;
            const planned = line.at.filter((a) => a.inject.status === "planned");
            const cancelKey = `plan:cancel:${line.key}`;
            return (
              <li key={line.key} class="inject-plan__line" data-plan={line.key}>
                <strong>{what}</strong>
                <span class="inject-plan__status">
                  {line.at.map(({ table, inject }) => (
                    <span key={table} class={`status-chip status-chip--${inject.status}`}>
                      {t.table(table)}: {inject.status === "fired" && <span aria-hidden="true">✓ </span>}
                      {t.console.status[inject.status]}
                      {inject.reason === "dilemma_open" && ` (${t.console.dilemmaWasOpen})`}
                    </span>
                  ))}
                </span>
                {planned.length > 0 && (
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={t.console.cancelInject(what)}
                    disabled={controls.offline || controls.pending === cancelKey}
                    onClick={() => {
                      for (const { table, inject } of planned) void controls.run(cancelKey, table, { type: "cancel_inject", id: inject.id });
                    }}
                  >
                    {t.console.cancel}
                  </button>
                )}
                <ControlFeedback feedback={controls.feedback[cancelKey]} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
