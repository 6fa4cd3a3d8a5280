import { useState } from "preact/hooks";
import { ConnectionBadge, LiveRegion, Notice, TopBar } from "../components/Chrome";
import { DangerZone } from "../components/console/DangerZone";
import { FlowControls } from "../components/console/FlowControls";
import { InjectPlan } from "../components/console/InjectPlan";
import { KeyForm } from "../components/console/KeyForm";
import { MessageForm } from "../components/console/MessageForm";
import { Overview } from "../components/console/Overview";
import { TableCard } from "../components/console/TableCard";
import { WorkshopHeader } from "../components/console/WorkshopHeader";
import { useConsole } from "../console";
import { useLanguage } from "../i18n";
import { rememberBriefs } from "../story";
import { useTitle } from "../title";

/** `/facilitator/{workshopId}`: run every table of the workshop from one screen. */
export function FacilitatorPage({ workshopId }: { workshopId: string }) {
  const { t } = useLanguage();
  const { key, keyRefusal, enterKey, expectRotation, replaceKey, hub, session, workshop, feed, tableNumbers, controls, live } = useConsole(workshopId);
  const scenario = session?.scenario ?? null;
  const [chosen, setChosen] = useState<number | null>(null);
  // One table needs no overview to choose from: it is open from the start.
  const only = tableNumbers.length === 1 ? (tableNumbers[0] ?? null) : null;
  const open = chosen ?? only;
  useTitle(t.pageTitle.console(workshop?.title ?? workshopId.slice(0, 6)));

  const bar = <TopBar>{key && <ConnectionBadge state={hub.state} onRetry={hub.retryNow} />}</TopBar>;

  if (!key) {
    return (
      <>
        {bar}
        <main class="page page--narrow" id="main">
          <KeyForm error={keyRefusal} onKey={enterKey} />
        </main>
      </>
    );
  }

  if (!session || !workshop || !scenario) {
    return (
      <>
        {bar}
        <main class="page" id="main">
          <p class="muted">{t.loading}</p>
        </main>
      </>
    );
  }

  return (
    <>
      {bar}
      <main class="page page--wide console" id="main">
        <WorkshopHeader
          workshop={workshop}
          scenario={scenario}
          joinUrl={session.joinUrl ?? `${location.origin}/join/${workshop.joinCode}`}
          lobby={tableNumbers.every((n) => (feed.tables[n]?.flow.stage ?? "lobby") === "lobby")}
        />

        {tableNumbers.length > 1 && (
          <section class="card all-tables" aria-labelledby="all-tables">
            <h2 id="all-tables" class="card__title">
              {t.facilitator.allTables}
            </h2>
            <FlowControls table={null} shown={null} scenario={scenario} controls={controls} />
          </section>
        )}

        <div class="console__tools">
          <details class="card console__tool">
            <summary>{t.console.messageToAll}</summary>
            <MessageForm table={null} shown={null} controls={controls} />
          </details>
          {scenario.dilemmas.length > 0 && (
            <details class="card console__tool">
              <summary>{t.console.injects}</summary>
              <InjectPlan tables={feed.tables} numbers={tableNumbers} scenario={scenario} controls={controls} />
            </details>
          )}
        </div>

        <Overview tables={feed.tables} numbers={tableNumbers} scenario={scenario} selected={open} onOpen={(n) => setChosen(n === open ? null : n)} />

        {open !== null && tableNumbers.includes(open) && (
          <TableCard
            key={open}
            number={open}
            table={feed.tables[open] ?? null}
            summary={feed.summaryOf(feed.tables[open])}
            players={workshop.players.filter((p) => p.table === open)}
            tables={tableNumbers.length}
            scenario={scenario}
            briefs={session.briefs}
            memory={rememberBriefs(feed.memoryOf(open), session.briefs)}
            controls={controls}
            focus={chosen !== null}
            onClose={only === null ? () => setChosen(null) : undefined}
            join={{ code: workshop.joinCode, url: session.joinUrl ?? `${location.origin}/join/${workshop.joinCode}`, seating: workshop.seating }}
          />
        )}
        {tableNumbers.length === 0 && <Notice>{t.loading}</Notice>}
        <DangerZone workshop={workshop} currentKey={key} onRotating={expectRotation} onKeyReplaced={replaceKey} />
      </main>
      <LiveRegion message={live} />
    </>
  );
}
