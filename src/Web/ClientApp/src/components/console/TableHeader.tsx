import { pick, useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { PhaseTimer } from "../PhaseTimer";

/** A table's name, where it is in the game, and its timer. */
export function TableHeader({ number, table, scenario }: { number: number; table: FacilitatorTable | null; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const flow = table?.flow;
  const phase = flow ? scenario.phases[flow.phase] : undefined;
  return (
    <header class="table-card__head">
      <div>
        <h2 id={`table-${number}`} class="card__title">
          {t.table(number)}
        </h2>
        <p class="table-card__stage">
          {flow ? t.stage[flow.stage] : t.loading}
          {flow && (flow.stage === "playing" || flow.stage === "role_swap") && <> · {t.roundOf(flow.round, scenario.rounds)}</>}
          {flow?.stage === "playing" && phase && <> · {pick(phase.label, lang)}</>}
        </p>
      </div>
      {table && <PhaseTimer deadline={table.deadline} paused={table.flow.paused} pausedSeconds={table.pausedSeconds} />}
    </header>
  );
}
