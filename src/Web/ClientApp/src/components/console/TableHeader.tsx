import type { Ref } from "preact";
import { pick, useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { PhaseTimer } from "../PhaseTimer";

/** Where a table is: its stage, and in play its round and phase (`brief`: in play, round and phase only). */
export function TablePlace({ table, scenario, brief = false }: { table: FacilitatorTable | null; scenario: ScenarioInfo; brief?: boolean }) {
  const { lang, t } = useLanguage();
  const flow = table?.flow;
  if (!flow) return <>{t.loading}</>;
  const phase = scenario.phases[flow.phase];
  return (
    <>
      {brief && flow.stage === "playing" ? t.roundOf(flow.round, scenario.rounds) : t.stage[flow.stage]}
      {(flow.stage === "role_swap" || (flow.stage === "playing" && !brief)) && <> · {t.roundOf(flow.round, scenario.rounds)}</>}
      {flow.stage === "playing" && phase && <> · {pick(phase.label, lang)}</>}
    </>
  );
}

/** A table's name, where it is in the game, and its timer. */
export function TableHeader({
  number,
  table,
  scenario,
  headingRef,
}: {
  number: number;
  table: FacilitatorTable | null;
  scenario: ScenarioInfo;
  /** The heading, for the page to move the focus to when the table opens. */
  headingRef?: Ref<HTMLHeadingElement> | undefined;
}) {
  const { t } = useLanguage();
  return (
    <header class="table-card__head">
      <div>
        <h2 id={`table-${number}`} class="card__title" tabIndex={-1} ref={headingRef ?? null}>
          {t.table(number)}
        </h2>
        <p class="table-card__stage">
          <TablePlace table={table} scenario={scenario} />
        </p>
      </div>
      {table && <PhaseTimer deadline={table.deadline} paused={table.flow.paused} pausedSeconds={table.pausedSeconds} />}
    </header>
  );
}
