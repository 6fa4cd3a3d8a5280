import { formatDelta, formatNumber, pick, useLanguage } from "../i18n";
import type { MetricView, ScenarioInfo } from "../protocol";
import { metricInfo } from "../scenario";

/**
 * The shared metrics as a short table for a phone during play: one line each with its value and how it
 * moved this round (a sign as well as colour), so the page stays about what to do now.
 */
export function MetricRows({ metrics, scenario, caption }: { metrics: MetricView[]; scenario: ScenarioInfo; caption: string }) {
  const { lang, t } = useLanguage();
  return (
    <table class="metric-rows">
      <caption class="visually-hidden">{caption}</caption>
      <tbody>
        {metrics.map((metric) => {
          const info = metricInfo(scenario, metric.id);
          const change = metric.changeThisRound;
          const better = change !== 0 && change > 0 === (info.good === "up");
          const unit = pick(info.unit, lang);
          return (
            <tr key={metric.id}>
              <th scope="row">{pick(info.label, lang)}</th>
              <td class="metric-rows__value">
                {formatNumber(metric.value, lang)}
                {unit && <span class="gauge__unit"> {unit}</span>}
              </td>
              <td class={`metric-rows__delta${change === 0 ? "" : better ? " delta--better" : " delta--worse"}`}>
                {change === 0 ? (
                  "±0"
                ) : (
                  <>
                    <span aria-hidden="true">{better ? "▲ " : "▼ "}</span>
                    {formatDelta(change, lang)}
                    <span class="visually-hidden">
                      {" "}
                      {t.play.sinceRoundStart} ({better ? t.play.better : t.play.worse})
                    </span>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
