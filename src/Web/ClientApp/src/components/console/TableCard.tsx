import { useEffect, useRef } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { formatNumber, useLanguage } from "../../i18n";
import type { FacilitatorTable, RoleBrief, ScenarioInfo, WorkshopPlayer } from "../../protocol";
import type { StoryMemory } from "../../story";
import type { MergedSummary } from "../../summary";
import { MetricList } from "../MetricGauge";
import { FlowControls } from "./FlowControls";
import { MessageForm, SentMessages } from "./MessageForm";
import { OpenBusiness } from "./OpenBusiness";
import { PinnedNoteForm } from "./PinnedNoteForm";
import { Reflections } from "./Reflections";
import { RoleAssignment } from "./RoleAssignment";
import { RoleRequests } from "./RoleRequests";
import { HandoverNotes, RolePlan, RoleResources } from "./RoleSides";
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
  /** Every role's brief (the console alone has them): the labels of every role's resources. */
  briefs: RoleBrief[] | null;
  memory: StoryMemory;
  controls: ConsoleControls;
  /** Opened by the facilitator: the focus moves to it. */
  focus: boolean;
  /** Closes the table (none when it is the workshop's only one). */
  onClose?: (() => void) | undefined;
  /** How players join (for the per-table link when they pick their table). */
  join?: JoinLink | undefined;
}

/**
 * One table opened from the overview: everything the facilitator sees of it and can do there —
 * flow, seats, every metric and every role's resources, what is open, the plan, requests,
 * reflections, notes, messages and the round's story. It takes the focus when it opens.
 */
export function TableCard({ number, table, summary, players, tables, scenario, briefs, memory, controls, focus, onClose, join }: TableCardProps) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves when a table opens, not when its pushes arrive
  useEffect(() => {
    if (!focus) return;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: "start" });
  }, [number]);
  const stage = table?.flow.stage;
  const playing = !!table && stage !== "lobby";
  // Roles can be given for a next round only while the game runs and one is still to come.
  const assigning = !!table && stage !== "lobby" && stage !== "ended" && stage !== "debrief" && table.flow.round < scenario.rounds && table.seats.length > 0;
  const over = stage === "debrief" || stage === "ended";
  return (
    <article class="card table-card table-detail" id="table-detail" aria-labelledby={`table-${number}`}>
      <div class="table-detail__top">
        <TableHeader number={number} table={table} scenario={scenario} headingRef={heading} />
        {onClose && (
          <button type="button" class="button button--small" onClick={onClose}>
            {t.console.close}
          </button>
        )}
      </div>
      <FlowControls table={number} shown={table} scenario={scenario} controls={controls} />
      <div class="table-detail__grid">
        <div>
          <SeatRoster number={number} table={table} players={players} tables={tables} scenario={scenario} controls={controls} join={join} />
          {assigning && <RoleAssignment number={number} table={table} scenario={scenario} controls={controls} />}
          {table && <RoleRequests table={table} scenario={scenario} />}
        </div>
        <div>
          {playing && table.metrics.length > 0 && (
            <>
              <h3 class="small-heading">{t.console.metrics}</h3>
              <MetricList metrics={table.metrics} scenario={scenario} compact />
            </>
          )}
          {table && <RoleResources table={table} scenario={scenario} briefs={briefs} />}
          {table && <OpenBusiness table={table} scenario={scenario} />}
          {table && over && <CommunityScore score={table.communityScore} />}
        </div>
        <div>
          <h3 class="small-heading">{t.console.messages}</h3>
          <MessageForm table={number} shown={table} controls={controls} />
          {table && <SentMessages table={table} />}
          {table && <Reflections table={table} scenario={scenario} />}
          {table && <HandoverNotes table={table} scenario={scenario} />}
          {table && <PinnedNoteForm number={number} table={table} scenario={scenario} controls={controls} />}
        </div>
      </div>
      {table && <RolePlan table={table} scenario={scenario} />}
      {table && <TableStory table={table} summary={summary} scenario={scenario} memory={memory} />}
    </article>
  );
}
