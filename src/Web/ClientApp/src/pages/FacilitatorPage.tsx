import { ConnectionBadge, LiveRegion, Notice, TopBar } from "../components/Chrome";
import { DangerZone } from "../components/console/DangerZone";
import { FlowControls } from "../components/console/FlowControls";
import { KeyForm } from "../components/console/KeyForm";
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
        <WorkshopHeader workshop={workshop} scenario={scenario} joinUrl={session.joinUrl ?? `${location.origin}/join/${workshop.joinCode}`} />

        {tableNumbers.length > 1 && (
          <section class="card all-tables" aria-labelledby="all-tables">
            <h2 id="all-tables" class="card__title">
              {t.facilitator.allTables}
            </h2>
            <FlowControls table={null} shown={null} scenario={scenario} controls={controls} />
          </section>
        )}

        <div class="table-grid">
          {tableNumbers.map((n) => (
            <TableCard
              key={n}
              number={n}
              table={feed.tables[n] ?? null}
              summary={feed.summaryOf(feed.tables[n])}
              players={workshop.players.filter((p) => p.table === n)}
              tables={tableNumbers.length}
              scenario={scenario}
              memory={rememberBriefs(feed.memoryOf(n), session.briefs)}
              controls={controls}
            />
          ))}
        </div>
        {tableNumbers.length === 0 && <Notice>{t.loading}</Notice>}
        <DangerZone workshop={workshop} currentKey={key} onRotating={expectRotation} onKeyReplaced={replaceKey} />
      </main>
      <LiveRegion message={live} />
    </>
  );
}
