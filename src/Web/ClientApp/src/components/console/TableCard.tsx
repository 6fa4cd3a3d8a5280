import type { ConsoleControls } from "../../console";
import { formatNumber, useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo, WorkshopPlayer } from "../../protocol";
import type { StoryMemory } from "../../story";
import type { MergedSummary } from "../../summary";
import { MetricList } from "../MetricGauge";
import { FlowControls } from "./FlowControls";
import { OpenBusiness } from "./OpenBusiness";
import { Reflections } from "./Reflections";
import { RoleAssignment } from "./RoleAssignment";
import { RoleRequests } from "./RoleRequests";
import { type JoinLink, SeatRoster } from "./SeatRoster";
import { TableHeader } from "./TableHeader";
import { TableStory } from "./TableStory";

/** The community's score, once the game is over. */
function CommunityScore({ score }: { score: number }) {
  const { lang, t } = useLanguage();
  return (
    <p>
      {t.facilitator.communityScore}: <strong>{formatNumber(score, lang)}</strong>
    </p>
  );
}

export interface TableCardProps {
  number: number;
  /** The table's last push; null until the first. */
  table: FacilitatorTable | null;
  summary: MergedSummary | null;
  /** The workshop's players at this table. */
  players: WorkshopPlayer[];
  /** How many tables the workshop has. */
  tables: number;
  scenario: ScenarioInfo;
  memory: StoryMemory;
  controls: ConsoleControls;
  /** How players join (for the per-table link when they pick their table). */
  join?: JoinLink | undefined;
}

/** One table in the console: everything the facilitator sees of it and can do there. */
export function TableCard({ number, table, summary, players, tables, scenario, memory, controls, join }: TableCardProps) {
  const stage = table?.flow.stage;
  const playing = !!table && stage !== "lobby";
  // Roles can be given for a next round only while the game runs and one is still to come.
  const assigning = !!table && stage !== "lobby" && stage !== "ended" && stage !== "debrief" && table.flow.round < scenario.rounds && table.seats.length > 0;
  const over = stage === "debrief" || stage === "ended";
  return (
    <article class="card table-card" aria-labelledby={`table-${number}`}>
      <TableHeader number={number} table={table} scenario={scenario} />
      <FlowControls table={number} shown={table} scenario={scenario} controls={controls} />
      <SeatRoster number={number} table={table} players={players} tables={tables} scenario={scenario} controls={controls} join={join} />
      {playing && table.metrics.length > 0 && <MetricList metrics={table.metrics} scenario={scenario} compact limit={4} />}
      {table && <OpenBusiness table={table} scenario={scenario} />}
      {assigning && <RoleAssignment number={number} table={table} scenario={scenario} controls={controls} />}
      {table && <RoleRequests table={table} scenario={scenario} />}
      {table && <Reflections table={table} scenario={scenario} />}
      {table && <TableStory table={table} summary={summary} scenario={scenario} memory={memory} />}
      {table && over && <CommunityScore score={table.communityScore} />}
    </article>
  );
}
