import { formatNumber, pick, useLanguage } from "../i18n";
import type { RoleCard as RoleCardData } from "../protocol";

/**
 * My role: its public face, my private brief, my resources and goals (met now or not). During
 * play (`open` false) the brief and goals fold away, so the actions are one short scroll down.
 */
export function RoleCard({ role, open }: { role: RoleCardData; open: boolean }) {
  const { lang, t } = useLanguage();
  const met = role.goals.filter((g) => g.metNow).length;
  return (
    <section class="card role-card" aria-labelledby="role-card-title">
      <p class="eyebrow">{t.play.youAre}</p>
      <h2 id="role-card-title" class="role-card__name">
        {pick(role.name, lang)}
      </h2>
      {role.resources.length > 0 && (
        <div>
          <h3 class="visually-hidden">{t.play.resources}</h3>
          <ul class="resources" aria-label={t.play.resources}>
            {role.resources.map((r) => (
              <li key={r.id}>
                <span class="resources__value">{formatNumber(r.value, lang)}</span>
                <span class="resources__label">{pick(r.label, lang)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details class="role-card__details" open={open}>
        <summary>{t.play.brief}</summary>
        <p class="brief">{pick(role.brief, lang)}</p>
        <h3 class="small-heading">{t.play.publicSide}</h3>
        <p>{pick(role.description, lang)}</p>
      </details>
      {role.goals.length > 0 && (
        <details class="role-card__details" open={open}>
          <summary>
            {t.play.goals}
            <span class="summary__meta">{t.play.goalsMet(met, role.goals.length)}</span>
          </summary>
          <ul class="goals">
            {role.goals.map((g) => (
              <li key={g.id} class={g.metNow ? "goal goal--met" : "goal"}>
                <span class="goal__mark" aria-hidden="true">
                  {g.metNow ? "✓" : "○"}
                </span>
                <span>
                  {pick(g.label, lang)}
                  <span class="goal__meta">
                    {" "}
                    · {g.metNow ? t.play.goalMet : t.play.goalNotMet} · {t.play.goalPoints(g.points)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
