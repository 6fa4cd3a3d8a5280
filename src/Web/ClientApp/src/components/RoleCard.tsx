import { formatNumber, pick, useLanguage } from "../i18n";
import type { RoleBrief, RoleCard as RoleCardData, ScenarioInfo } from "../protocol";
import { roleInfo, roleName } from "../scenario";

/**
 * My role: its public face, my private brief, my resources and goals (met now or not). During
 * play (`open` false) the brief and goals fold away, so the actions are one short scroll down.
 * Until the role's brief has come (`brief` null, for a moment after a swap) the card shows what
 * it has: the name, the public side and the resources by id.
 */
export function RoleCard({
  role,
  brief,
  scenario,
  open,
  titleId = "role-card-title",
}: {
  role: RoleCardData;
  brief: RoleBrief | null;
  scenario: ScenarioInfo;
  open: boolean;
  /** The title's id: the debrief shows several role cards on one page. */
  titleId?: string;
}) {
  const { lang, t } = useLanguage();
  const resourceLabels = new Map(brief?.resources.map((r) => [r.id, r.label]));
  const goals = brief?.goals ?? [];
  const metNow = new Set(role.goalsMet);
  const met = goals.filter((g) => metNow.has(g.id)).length;
  return (
    <section class={`card role-card${open ? "" : " role-card--folded"}`} aria-labelledby={titleId}>
      <p class="eyebrow">{t.play.youAre}</p>
      <h2 id={titleId} class="role-card__name">
        {roleName(scenario, role.id, lang)}
      </h2>
      {role.resources.length > 0 && (
        <div>
          <h3 class="visually-hidden">{t.play.resources}</h3>
          <ul class="resources" aria-label={t.play.resources}>
            {role.resources.map((r) => (
              <li key={r.id}>
                <span class="resources__value">{formatNumber(r.value, lang)}</span>
                <span class="resources__label">{pick(resourceLabels.get(r.id), lang) || r.id}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details class="role-card__details" open={open}>
        <summary>{t.play.brief}</summary>
        {brief && <p class="brief">{pick(brief.brief, lang)}</p>}
        <h3 class="small-heading">{t.play.publicSide}</h3>
        <p>{pick(roleInfo(scenario, role.id)?.description, lang)}</p>
      </details>
      {goals.length > 0 && (
        <details class="role-card__details" open={open}>
          <summary>
            {t.play.goals}
            <span class="summary__meta">{t.play.goalsMet(met, goals.length)}</span>
          </summary>
          <ul class="goals">
            {goals.map((g) => {
              const done = metNow.has(g.id);
              return (
                <li key={g.id} class={done ? "goal goal--met" : "goal"}>
                  <span class="goal__mark" aria-hidden="true">
                    {done ? "✓" : "○"}
                  </span>
                  <span>
                    {pick(g.label, lang)}
                    <span class="goal__meta">
                      {" "}
                      · {done ? t.play.goalMet : t.play.goalNotMet} · {t.play.goalPoints(g.points)}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
