import type { ComponentChildren } from "preact";
import { pick, useLanguage } from "../i18n";
import type { NowItem } from "../now";
import type { RoleBrief, RoleCard as RoleCardData, ScenarioInfo } from "../protocol";
import { roleInfo, roleName } from "../scenario";
import { RoleCard } from "./RoleCard";

/**
 * The top of the phone during play: what this phase asks of me, in one line, and the cards to do it
 * with (a proposal to answer, my dilemma, my vote) — so nobody scrolls past someone else's card to find
 * their ballot. My actions follow right under it.
 */
export function NowBlock({ items, children }: { items: NowItem[]; children: ComponentChildren }) {
  const { t } = useLanguage();
  return (
    <section class="now" aria-labelledby="now-heading">
      <h2 id="now-heading" class="now__heading">
        {t.now.heading}
      </h2>
      <p class="now__asks">{items.map((item) => t.now.asks[item]).join(" · ")}</p>
      {children}
    </section>
  );
}

/** The tips the previous holder of my role left at the swap; shown through the round they are for. */
export function HandoverTips({ notes }: { notes: string[] }) {
  const { t } = useLanguage();
  if (notes.length === 0) return null;
  return (
    <section class="card card--quiet tips" aria-labelledby="tips-heading">
      <h2 id="tips-heading" class="card__title">
        {t.now.tips}
      </h2>
      <ul class="notes">
        {notes.map((note, i) => (
          <li key={i} class="quote">
            {note}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A role taken at a swap that this phone has not shown yet: the whole card, then "got it" before anything is asked. */
export function NewRoleCard({ role, brief, scenario, tips, onSeen }: { role: RoleCardData; brief: RoleBrief | null; scenario: ScenarioInfo; tips: string[]; onSeen: () => void }) {
  const { lang, t } = useLanguage();
  return (
    <div class="stack">
      <p class="lead">
        <strong>{t.now.newRole(roleName(scenario, role.id, lang))}</strong> {t.now.newRoleIntro}
      </p>
      <p>{pick(roleInfo(scenario, role.id)?.description, lang)}</p>
      <RoleCard role={role} brief={brief} scenario={scenario} open titleId="new-role-title" />
      <HandoverTips notes={tips} />
      <button type="button" class="button button--primary" onClick={onSeen}>
        {t.now.seenRole}
      </button>
    </div>
  );
}
