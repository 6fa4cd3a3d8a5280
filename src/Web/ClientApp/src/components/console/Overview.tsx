import { useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { dilemmaTitle } from "../../scenario";
import { PhaseTimer } from "../PhaseTimer";
import { openCounts, presence, waitingNames } from "./rows";
import { TablePlace } from "./TableHeader";

/** One table's row: where it is, its time, who is here, what waits and who has not acted. */
function OverviewRow({
  number,
  table,
  scenario,
  selected,
  onOpen,
}: {
  number: number;
  table: FacilitatorTable | null;
  scenario: ScenarioInfo;
  selected: boolean;
  onOpen: (n: number) => void;
}) {
  const { lang, t } = useLanguage();
  const here = table ? presence(table) : null;
  const open = table ? openCounts(table) : null;
  const waiting = table ? waitingNames(table) : [];
  const items = open
    ? [
        open.proposals > 0 ? t.console.proposals(open.proposals) : null,
        open.votes ? t.console.votes(open.votes.cast, open.votes.of) : null,
        open.dilemma ? t.console.dilemma(dilemmaTitle(scenario, open.dilemma, lang)) : null,
      ].filter((x): x is string => x !== null)
    : [];
  const away = here !== null && here.here < here.of;
  return (
    <tr class={`overview__row${selected ? " overview__row--selected" : ""}`} data-table={number} onClick={() => onOpen(number)}>
      <th scope="row">
        <button
          type="button"
          class="overview__open"
          aria-expanded={selected}
          aria-controls="table-detail"
          aria-label={t.console.open(number)}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(number);
          }}
        >
          {t.table(number)}
        </button>
      </th>
      <td>
        <TablePlace table={table} scenario={scenario} brief />
      </td>
      <td class="overview__time">
        {table ? <PhaseTimer deadline={table.deadline} paused={table.flow.paused} pausedSeconds={table.pausedSeconds} /> : null}
        {table && !table.deadline && !table.flow.paused && <span class="muted">{t.console.none}</span>}
      </td>
      <td class={away ? "overview__away" : undefined}>{here ? t.console.here(here.here, here.of) : t.console.none}</td>
      <td title={items.join(", ")}>
        {items.length > 0 ? (
          <ul class="overview__items">
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        ) : (
          <span class="muted">{t.console.none}</span>
        )}
      </td>
      <td class="overview__waiting" title={waiting.join(", ")}>
        {waiting.length > 0 ? waiting.join(", ") : <span class="muted">{t.console.none}</span>}
      </td>
    </tr>
  );
}

/** Every table of the workshop in one screen: one compact row each; a row (or Enter on its button) opens the table. */
export function Overview({
  tables,
  numbers,
  scenario,
  selected,
  onOpen,
}: {
  tables: Record<number, FacilitatorTable>;
  numbers: number[];
  scenario: ScenarioInfo;
  selected: number | null;
  onOpen: (n: number) => void;
}) {
  const { t } = useLanguage();
  const c = t.console.columns;
  return (
    <section class="card overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading" class="card__title">
        {t.console.overview}
      </h2>
      <table class="overview__table">
        <thead>
          <tr>
            <th scope="col">{c.table}</th>
            <th scope="col">{c.where}</th>
            <th scope="col">{c.time}</th>
            <th scope="col">{c.here}</th>
            <th scope="col">{c.open}</th>
            <th scope="col">{c.waiting}</th>
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <OverviewRow key={n} number={n} table={tables[n] ?? null} scenario={scenario} selected={selected === n} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
