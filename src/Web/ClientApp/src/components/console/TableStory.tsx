import { useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { type StoryMemory, tell } from "../../story";
import type { MergedSummary } from "../../summary";
import { RoundStory } from "../RoundStory";

/** The round so far as sentences, newest first, folded away until the facilitator opens it. */
export function TableStory({ table, summary, scenario, memory }: { table: FacilitatorTable; summary: MergedSummary | null; scenario: ScenarioInfo; memory: StoryMemory }) {
  const { lang, t } = useLanguage();
  const story = summary ? tell({ scenario, seats: table.seats, memory, lang, t }, summary.headlines) : [];
  if (story.length === 0) return null;
  return (
    <details class="story-details">
      <summary>
        {t.facilitator.story} ({story.length})
      </summary>
      <RoundStory lines={story} newestFirst />
    </details>
  );
}
