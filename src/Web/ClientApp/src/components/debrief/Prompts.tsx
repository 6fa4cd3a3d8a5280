import { useState } from "preact/hooks";
import { pick, useLanguage } from "../../i18n";
import type { DebriefPrompts, Text } from "../../protocol";

type PromptStage = keyof DebriefPrompts;
const stages: PromptStage[] = ["whatHappened", "soWhat", "nowWhat"];

/** The scenario's prompts in the order of the conversation. */
export function promptList(prompts: DebriefPrompts): { stage: PromptStage; text: Text }[] {
  return stages.flatMap((stage) => prompts[stage].map((text) => ({ stage, text })));
}

/** The debrief questions one at a time (what happened, so what, now what), with previous and next; the page may hold the index (the projector shows the same one). */
export function PromptCards({ prompts, index: held, onIndex }: { prompts: DebriefPrompts; index?: number; onIndex?: (index: number) => void }) {
  const { lang, t } = useLanguage();
  const all = promptList(prompts);
  const [own, setOwn] = useState(0);
  const index = held ?? own;
  const setIndex = onIndex ?? setOwn;
  const current = all[Math.min(index, all.length - 1)];
  if (!current) return <p class="muted">{t.debrief.noPrompts}</p>;
  return (
    <div class="prompt">
      <p class="eyebrow">
        {t.debrief.promptStage[current.stage]} · {t.debrief.promptOf(index + 1, all.length)}
      </p>
      <p class="prompt__text" aria-live="polite">
        {pick(current.text, lang)}
      </p>
      <div class="button-row">
        <button type="button" class="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          <span aria-hidden="true">◀ </span>
          {t.debrief.previousPrompt}
        </button>
        <button type="button" class="button button--primary" disabled={index >= all.length - 1} onClick={() => setIndex(index + 1)}>
          {t.debrief.nextPrompt}
          <span aria-hidden="true"> ▶</span>
        </button>
      </div>
    </div>
  );
}

/** Every prompt at once, by stage (for the printed report). */
export function PromptOutline({ prompts }: { prompts: DebriefPrompts }) {
  const { lang, t } = useLanguage();
  return (
    <div class="prompt-outline">
      {stages.map((stage) =>
        prompts[stage].length === 0 ? null : (
          <div key={stage}>
            <h3>{t.debrief.promptStage[stage]}</h3>
            <ol>
              {prompts[stage].map((p) => (
                <li key={p.nl}>{pick(p, lang)}</li>
              ))}
            </ol>
          </div>
        ),
      )}
    </div>
  );
}
