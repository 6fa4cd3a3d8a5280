import { pick, useLanguage } from "../../i18n";
import type { ScenarioInfo, WorkshopInfo } from "../../protocol";
import { followLink } from "../../router";
import { JoinPoster } from "../JoinPoster";
import { TableJoinCodes } from "../TableJoinCodes";

/** The console's head: the workshop, how many play, the projector link and the join poster. */
export function WorkshopHeader({ workshop, scenario, joinUrl, lobby }: { workshop: WorkshopInfo; scenario: ScenarioInfo; joinUrl: string; lobby: boolean }) {
  const { lang, t } = useLanguage();
  // A workshop without a title of its own is named after its scenario: say it once.
  const namedAfterScenario = workshop.title === scenario.title.nl || workshop.title === scenario.title.en;
  return (
    <div class="console__head">
      <div>
        <h1>
          <span class="visually-hidden">{t.facilitator.heading}: </span>
          {workshop.title}
        </h1>
        <p class="console__sub">
          <span class="lead">
            {namedAfterScenario ? "" : `${pick(scenario.title, lang)} · `}
            {t.facilitator.playersTotal(workshop.players.length)}
          </span>
          {" · "}
          {t.facilitator.joinCode} <strong class="console__code">{workshop.joinCode}</strong>
          {" · "}
          <a href={`/projector/${workshop.joinCode}`} target="_blank" rel="noopener">
            {t.facilitator.projector}
          </a>
          {" · "}
          <a href={`/debrief/${encodeURIComponent(workshop.workshopId)}`} onClick={(e) => followLink(e, `/debrief/${encodeURIComponent(workshop.workshopId)}`)}>
            {t.debrief.link}
          </a>
        </p>
      </div>
      {/* The poster is for the start of the day: open while every table is in the lobby, folded once play begins. */}
      <details class="console__poster" open={lobby}>
        <summary>{t.console.joinShow}</summary>
        <JoinPoster code={workshop.joinCode} url={joinUrl} />
        {/* When players pick their table: each table's own link and QR code, beside the workshop's. */}
        <TableJoinCodes code={workshop.joinCode} url={joinUrl} tables={workshop.sessions.length} seating={workshop.seating} size="small" />
      </details>
    </div>
  );
}
