import { pick, useLanguage } from "../i18n";
import type { MetricEffect, ScenarioInfo } from "../protocol";
import { knownMetric } from "../scenario";

/** The author's formula as a signed change: "-10" → "−10", "5" → "+5"; anything else as written. */
export function effectText(change: string): string {
  const trimmed = change.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) {
    const value = Number(trimmed);
    return value > 0 ? `+${trimmed.replace(/^\+/, "")}` : value < 0 ? `−${trimmed.slice(1)}` : "±0";
  }
  return trimmed;
}

/** Whether a plain number effect is good for the community (null for formulas). */
export function effectBetter(change: string, good: "up" | "down" | undefined): boolean | null {
  const value = Number(change.trim());
  if (!good || !Number.isFinite(value) || value === 0) return null;
  return value > 0 === (good === "up");
}

/** What a choice does to the shared metrics, as chips: better and worse marked by a sign as well as colour. */
export function EffectChips({ effects, scenario, label }: { effects: MetricEffect[]; scenario: ScenarioInfo; label?: string }) {
  const { lang, t } = useLanguage();
  return (
    <ul class="chips" aria-label={label ?? t.play.effects}>
      {effects.map((e) => {
        const metric = knownMetric(scenario, e.metric);
        const better = effectBetter(e.change, metric?.good);
        return (
          <li key={e.metric} class={`chip${better === true ? " chip--better" : better === false ? " chip--worse" : ""}`}>
            {better !== null && (
              <span class="chip__mark" aria-hidden="true">
                {better ? "▲ " : "▼ "}
              </span>
            )}
            {pick(metric?.label, lang) || e.metric} <strong>{effectText(e.change)}</strong>
            {better !== null && <span class="visually-hidden"> ({better ? t.play.better : t.play.worse})</span>}
          </li>
        );
      })}
    </ul>
  );
}
