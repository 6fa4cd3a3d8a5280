import { formatNumber, pick, useLanguage } from "../../i18n";
import type { ScenarioInfo, TableDebrief } from "../../protocol";
import { metricInfo, roleName } from "../../scenario";
import { DataTable } from "../DataTable";

/** A table's community score term by term (each metric's movement, weight and points; the shared goals) and each role's contribution. */
export function ScoreCard({ table, scenario, headingLevel = 3 }: { table: TableDebrief; scenario: ScenarioInfo; headingLevel?: 2 | 3 }) {
  const { lang, t } = useLanguage();
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  // `|| 0` turns a rounded −0 into 0: "−0%" reads as a loss.
  const pct = (share: number) => `${formatNumber(Math.round(share * 1000) / 10 || 0, lang)}%`;
  const score = table.score;
  return (
    <section class="card score-card" aria-labelledby={`score-${table.table}`}>
      <H id={`score-${table.table}`} class="card__title">
        {t.table(table.table)}
      </H>
      <p class="score-card__total">
        <span class="points__number">{formatNumber(score.total, lang)}</span> <span class="points__label">{t.debrief.score}</span>
      </p>
      <DataTable
        caption={t.debrief.score}
        rows={score.metrics}
        rowKey={(m) => m.metric}
        columns={[
          {
            label: t.debrief.scoreColumns.metric,
            rowHeader: true,
            cell: (m) => (
              <>
                {pick(metricInfo(scenario, m.metric).label, lang)}
                <span class="muted"> ({m.good === "up" ? t.play.higherIsBetter : t.play.lowerIsBetter})</span>
              </>
            ),
          },
          { label: t.debrief.scoreColumns.from, numeric: true, cell: (m) => formatNumber(m.start, lang) },
          { label: t.debrief.scoreColumns.to, numeric: true, cell: (m) => formatNumber(m.end, lang) },
          {
            label: t.debrief.scoreColumns.moved,
            numeric: true,
            tone: (m) => (m.moved > 0 ? "delta--better" : m.moved < 0 ? "delta--worse" : undefined),
            cell: (m) => t.debrief.movedShare(pct(m.moved)),
          },
          { label: t.debrief.scoreColumns.weight, numeric: true, cell: (m) => `× ${formatNumber(m.weight, lang)}` },
          { label: t.debrief.scoreColumns.points, numeric: true, cell: (m) => formatNumber(Math.round(m.points * 100) / 100 || 0, lang) },
        ]}
      />
      {score.sharedGoals.length > 0 && (
        <>
          <Sub class="small-heading">{t.debrief.sharedGoals}</Sub>
          <ul class="goals">
            {score.sharedGoals.map((g) => (
              <li key={g.goal} class={g.met ? "goal goal--met" : "goal"}>
                <span class="goal__mark" aria-hidden="true">
                  {g.met ? "✓" : "○"}
                </span>
                <span>
                  {pick(g.label, lang)}
                  <span class="goal__meta">
                    {" "}
                    · {g.met ? t.debrief.goalMet : t.debrief.goalNotMet} · {t.points(g.met ? g.points : 0)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Sub class="small-heading">{t.debrief.contribution}</Sub>
      <p class="field__hint">{t.debrief.contributionHint}</p>
      <ul class="contribution">
        {scenario.roles.map((r) => {
          const share = table.contribution[r.id] ?? 0;
          const id = `contribution-${table.table}-${r.id}`;
          return (
            <li key={r.id}>
              <span id={id}>{roleName(scenario, r.id, lang)}</span>
              <meter aria-labelledby={id} min={0} max={1} value={share} />
              <span class="contribution__share">{pct(share)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
