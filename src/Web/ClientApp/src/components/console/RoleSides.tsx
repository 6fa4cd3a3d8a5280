import { formatNumber, pick, useLanguage } from "../../i18n";
import type { FacilitatorTable, RoleBrief, ScenarioInfo } from "../../protocol";
import { roleName } from "../../scenario";
import { seatName } from "./names";

/** Every role's resources with their labels (from the roles' briefs, which the console alone has). */
export function RoleResources({ table, scenario, briefs }: { table: FacilitatorTable; scenario: ScenarioInfo; briefs: RoleBrief[] | null }) {
  const { lang, t } = useLanguage();
  return (
    <>
      <h3 class="small-heading">{t.console.resources}</h3>
      <dl class="role-resources">
        {scenario.roles.map((role) => {
          const brief = briefs?.find((b) => b.id === role.id);
          const holders = table.seats.filter((s) => !s.left && s.role === role.id).map((s) => s.name);
          return (
            <div key={role.id} class="role-resources__role">
              <dt>
                {pick(role.name, lang)}
                {holders.length > 0 && <span class="muted"> ({holders.join(", ")})</span>}
              </dt>
              <dd>
                {(brief?.resources ?? []).map((r, i) => (
                  <span key={r.id}>
                    {i > 0 && " · "}
                    {pick(r.label, lang)}: <strong>{formatNumber(table.resources[`${role.id}.${r.id}`] ?? 0, lang)}</strong>
                  </span>
                ))}
                {(brief?.resources.length ?? 0) === 0 && <span class="muted">{t.console.none}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}

/** Who holds which role in every round: the rotation plan as it stands, the current round marked. */
export function RolePlan({ table, scenario }: { table: FacilitatorTable; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  if (table.plan.length === 0) return null;
  const seats = table.seats.filter((s) => !s.left);
  const current = table.flow.stage === "playing" ? table.flow.round : 0;
  return (
    <>
      <h3 class="small-heading" id={`plan-${table.table}`}>
        {t.console.planHeading}
      </h3>
      {/* Many rounds may run wider than the page: the plan scrolls on its own, by keyboard too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
      <section class="table-scroll" aria-labelledby={`plan-${table.table}`} tabIndex={0}>
        <table class="role-plan" aria-labelledby={`plan-${table.table}`}>
          <thead>
            <tr>
              <th scope="col">{t.console.seat}</th>
              {table.plan.map((_, i) => (
                <th key={i} scope="col" class={i + 1 === current ? "role-plan__now" : undefined} aria-current={i + 1 === current ? "step" : undefined}>
                  {t.console.round(i + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {seats.map((s) => (
              <tr key={s.seat}>
                <th scope="row">{s.name}</th>
                {table.plan.map((row, i) => (
                  <td key={i} class={i + 1 === current ? "role-plan__now" : undefined}>
                    {roleName(scenario, row[s.seat], lang) || t.console.none}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** The notes each role's holder left for the next. */
export function HandoverNotes({ table, scenario }: { table: FacilitatorTable; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  if (table.notes.length === 0) return null;
  return (
    <>
      <h3 class="small-heading">{t.console.notes}</h3>
      <ul class="plain-list">
        {table.notes.map((n) => (
          <li key={`${n.seat}:${n.round}`}>
            <strong>{seatName(table, n.seat)}</strong>{" "}
            <span class="muted">
              ({roleName(scenario, n.role, lang)}, {t.roundOf(n.round, scenario.rounds).toLowerCase()})
            </span>
            : “{n.text}”
          </li>
        ))}
      </ul>
    </>
  );
}
