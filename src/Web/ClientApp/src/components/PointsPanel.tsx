import { formatNumber, useLanguage } from "../i18n";
import type { ScenarioInfo } from "../protocol";
import { achievementLabel } from "../scenario";

/** My points and what I earned; at the end, the score of the whole table. */
export function PointsPanel({ points, achievements, communityScore, scenario }: { points: number; achievements: string[]; communityScore: number | null; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  return (
    <section class="card points" aria-labelledby="points-heading">
      <div class="points__row">
        {communityScore !== null && (
          <div class="points__big">
            <span class="points__number">{formatNumber(communityScore, lang)}</span>
            <span class="points__label">{t.play.communityScore}</span>
          </div>
        )}
        <div class="points__big">
          <span class="points__number">{points}</span>
          <span class="points__label" id="points-heading">
            {t.play.yourPoints}
          </span>
        </div>
      </div>
      {achievements.length > 0 && (
        <>
          <h3 class="small-heading">{t.play.achievements}</h3>
          <ul class="chips">
            {achievements.map((a) => (
              <li key={a} class="chip chip--better">
                <span aria-hidden="true">★ </span>
                {achievementLabel(scenario, a, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
