import { useState } from "preact/hooks";
import { type Decision, type DecisionFilter, type DecisionKind, filterDecisions, noFilter } from "../../debrief";
import { formatNumber, pick, type Strings, useLanguage } from "../../i18n";
import type { Language, ScenarioInfo, SeatHistory } from "../../protocol";
import { actionLabel, dilemmaTitle, roleName } from "../../scenario";
import { DataTable } from "../DataTable";

const kinds: DecisionKind[] = ["action", "proposal", "vote", "dilemma"];

function who(seats: SeatHistory[], seat: number | null, role: string | null, scenario: ScenarioInfo, lang: Language, t: Strings): string {
  const name = seat === null ? null : (seats.find((s) => s.seat === seat)?.name ?? null);
  const roleText = roleName(scenario, role, lang) || null;
  if (name && roleText) return t.headline.who(name, roleText);
  return name ?? roleText ?? t.headline.theTable;
}

function optionText(scenario: ScenarioInfo, dilemma: string, option: string, lang: Language, t: Strings): string {
  if (option === "yes") return t.yes;
  if (option === "no") return t.no;
  return pick(scenario.dilemmas.find((d) => d.id === dilemma)?.options.find((o) => o.id === option)?.label, lang) || option;
}

function What({ d, scenario }: { d: Decision; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  if (d.kind === "dilemma") return <>{dilemmaTitle(scenario, d.subject, lang)}</>;
  const label = d.subject ? actionLabel(scenario, d.subject, lang) : t.debrief.kinds.action;
  return (
    <>
      {label}
      {d.kind === "proposal" && d.to && <span class="muted"> {t.debrief.toRole(roleName(scenario, d.to, lang))}</span>}
      {d.note && <span class="decision__note">“{d.note}”</span>}
    </>
  );
}

function Outcome({ d, seats, scenario }: { d: Decision; seats: SeatHistory[]; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const tally =
    d.tally &&
    Object.entries(d.tally)
      .filter(([, n]) => n > 0)
      .map(([option, n]) => `${optionText(scenario, d.subject, option, lang, t)}: ${t.debrief.votes(n)}`)
      .join(", ");
  switch (d.kind) {
    case "action":
      return <>{t.debrief.done}</>;
    case "proposal":
      return (
        <>
          {d.answers.length === 0 && t.debrief.stillOpen}
          {d.answers.length > 0 && (
            <ul class="plain-list">
              {d.answers.map((a, i) => (
                <li key={i}>
                  {a.seat === null
                    ? (t.debrief.answers[a.answer] ?? a.answer)
                    : t.debrief.answeredBy(who(seats, a.seat, a.role, scenario, lang, t), t.debrief.answers[a.answer] ?? a.answer)}
                  {a.note && <span class="decision__note">“{a.note}”</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      );
    case "vote":
      return (
        <>
          {d.outcome ? optionText(scenario, d.subject, d.outcome, lang, t) : t.debrief.stillOpen}
          {tally && <span class="muted"> ({tally})</span>}
        </>
      );
    case "dilemma":
      return (
        <>
          {d.outcome ? optionText(scenario, d.subject, d.outcome, lang, t) : t.debrief.stillOpen}
          {d.decidedBy === "vote" && <span class="muted"> · {t.debrief.decidedByVote}</span>}
          {d.decidedBy === "default" && <span class="muted"> · {t.debrief.decidedByDefault}</span>}
          {tally && <span class="muted"> ({tally})</span>}
        </>
      );
  }
}

/** Every decision at a table, filterable by round, role and kind (the filters are left out in print). */
export function DecisionTable({
  table,
  rows,
  rounds,
  seats,
  scenario,
  filterable = true,
}: {
  table: number;
  rows: Decision[];
  rounds: number[];
  seats: SeatHistory[];
  scenario: ScenarioInfo;
  filterable?: boolean;
}) {
  const { lang, t } = useLanguage();
  const [filter, setFilter] = useState<DecisionFilter>(noFilter);
  const shown = filterDecisions(rows, filter);
  const id = (what: string) => `decisions-${table}-${what}`;
  return (
    <div class="decisions">
      {filterable && (
        <div class="decisions__filters">
          <label for={id("round")}>{t.debrief.filterRound}</label>
          <select
            id={id("round")}
            value={filter.round === null ? "" : String(filter.round)}
            onChange={(e) => setFilter({ ...filter, round: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
          >
            <option value="">{t.debrief.all}</option>
            {rounds.map((r) => (
              <option key={r} value={String(r)}>
                {t.debrief.round(r)}
              </option>
            ))}
          </select>
          <label for={id("role")}>{t.debrief.filterRole}</label>
          <select id={id("role")} value={filter.role ?? ""} onChange={(e) => setFilter({ ...filter, role: e.currentTarget.value || null })}>
            <option value="">{t.debrief.all}</option>
            {scenario.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {pick(r.name, lang)}
              </option>
            ))}
          </select>
          <label for={id("kind")}>{t.debrief.filterKind}</label>
          <select id={id("kind")} value={filter.kind ?? ""} onChange={(e) => setFilter({ ...filter, kind: (e.currentTarget.value || null) as DecisionKind | null })}>
            <option value="">{t.debrief.all}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t.debrief.kinds[k]}
              </option>
            ))}
          </select>
          <span class="muted" aria-live="polite">
            {t.debrief.shown(shown.length, rows.length)}
          </span>
        </div>
      )}
      {shown.length === 0 ? (
        <p class="muted">{t.debrief.noDecisions}</p>
      ) : (
        <DataTable
          caption={t.debrief.decisions}
          rows={shown}
          rowKey={(d) => `${d.kind}-${d.version}`}
          columns={[
            { label: t.debrief.columns.round, numeric: true, cell: (d) => formatNumber(d.round, lang) },
            { label: t.debrief.columns.who, cell: (d) => (d.kind === "dilemma" && d.decidedBy === "default" ? "–" : who(seats, d.seat, d.role, scenario, lang, t)) },
            { label: t.debrief.columns.kind, cell: (d) => t.debrief.kinds[d.kind] },
            { label: t.debrief.columns.what, cell: (d) => <What d={d} scenario={scenario} /> },
            { label: t.debrief.columns.outcome, cell: (d) => <Outcome d={d} seats={seats} scenario={scenario} /> },
          ]}
        />
      )}
    </div>
  );
}
