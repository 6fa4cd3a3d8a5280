import { formatDelta, formatNumber, pick, useLanguage } from "../i18n";
import type { MetricInfo, MetricView, ScenarioInfo } from "../protocol";
import { metricInfo } from "../scenario";

/** A shared indicator: value on its scale, how it moved this round, and which way is good. */
export function MetricGauge({ metric, info, compact = false, showChange = true }: { metric: MetricView; info: MetricInfo; compact?: boolean; showChange?: boolean }) {
  const { lang, t } = useLanguage();
  const span = info.max - info.min;
  const share = span > 0 ? Math.min(1, Math.max(0, (metric.value - info.min) / span)) : 0;
  const change = metric.changeThisRound;
  const better = change !== 0 && change > 0 === (info.good === "up");
  const unit = pick(info.unit, lang) ? ` ${pick(info.unit, lang)}` : "";
  return (
    <div class={`gauge${compact ? " gauge--compact" : ""}`}>
      <div class="gauge__head">
        <span class="gauge__label">{pick(info.label, lang)}</span>
        <span class="gauge__value">
          {formatNumber(metric.value, lang)}
          <span class="gauge__unit">{unit}</span>
        </span>
      </div>
      <div class={`gauge__bar gauge__bar--${info.good}`} aria-hidden="true">
        <span style={{ width: `${share * 100}%` }} />
      </div>
      <div class="gauge__foot">
        {!showChange ? null : change !== 0 ? (
          <span class={better ? "delta delta--better" : "delta delta--worse"}>
            <span aria-hidden="true">{better ? "▲ " : "▼ "}</span>
            {formatDelta(change, lang)} {t.play.sinceRoundStart} ({better ? t.play.better : t.play.worse})
          </span>
        ) : (
          <span class="delta">±0 {t.play.sinceRoundStart}</span>
        )}
        {!compact && <span class="gauge__direction">{info.good === "up" ? t.play.higherIsBetter : t.play.lowerIsBetter}</span>}
      </div>
    </div>
  );
}

/** The shared indicators; `showChange` is off where "this round" means nothing (before play, at the end). */
export function MetricList({
  metrics,
  scenario,
  compact = false,
  limit,
  showChange = true,
}: {
  metrics: MetricView[];
  scenario: ScenarioInfo;
  compact?: boolean;
  limit?: number;
  showChange?: boolean;
}) {
  const shown = limit === undefined ? metrics : metrics.slice(0, limit);
  return (
    <ul class={`metrics${compact ? " metrics--compact" : ""}`}>
      {shown.map((metric) => (
        <li key={metric.id}>
          <MetricGauge metric={metric} info={metricInfo(scenario, metric.id)} compact={compact} showChange={showChange} />
        </li>
      ))}
    </ul>
  );
}
