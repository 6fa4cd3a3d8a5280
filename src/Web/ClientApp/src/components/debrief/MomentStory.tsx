import { useLanguage } from "../../i18n";
import type { DebriefMoment, ScenarioInfo, Text } from "../../protocol";
import { emptyMemory, tell } from "../../story";
import { RoundStory } from "../RoundStory";

/** The round's story up to the chosen moment, as the facilitator read it, in the play page's sentences. */
export function MomentStory({ moment, scenario, resourceLabels }: { moment: DebriefMoment; scenario: ScenarioInfo; resourceLabels: Record<string, Text> }) {
  const { lang, t } = useLanguage();
  const memory = emptyMemory();
  for (const [target, label] of Object.entries(resourceLabels)) memory.resources.set(target, label);
  const round = moment.flow.round;
  if (round < 1) return <p class="muted">{t.debrief.storyNone}</p>;
  const lines = tell({ scenario, seats: moment.facilitator.room.seats, memory, lang, t }, moment.story);
  return (
    <>
      <h3 class="small-heading">{t.debrief.story(round)}</h3>
      <RoundStory lines={lines} />
    </>
  );
}
