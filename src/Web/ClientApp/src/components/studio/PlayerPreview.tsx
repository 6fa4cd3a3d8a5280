import { useMemo } from "preact/hooks";
import { dictionaries, LanguageContext, type LanguageState, pick, useLanguage } from "../../i18n";
import type { Language, ScenarioPreview } from "../../protocol";
import { roleName } from "../../scenario";
import { ActionList } from "../ActionList";
import type { Controls } from "../controls";
import { DilemmaCard } from "../DilemmaCard";
import { MetricList } from "../MetricGauge";
import { RoleCard } from "../RoleCard";

/** A preview sends nothing: every control shows as the play page shows it without a connection. */
const previewControls: Controls = { send: () => undefined, pending: null, feedback: {}, offline: true };

/** One phone-wide column in one language, built from the play page's own components. */
function PhoneColumn({ preview, lang }: { preview: ScenarioPreview; lang: Language }) {
  const page = useLanguage();
  const language = useMemo<LanguageState>(() => ({ lang, t: dictionaries[lang], choose: page.choose, suggest: () => undefined }), [lang, page.choose]);
  const { scenario, briefs } = preview;
  const t = dictionaries[lang];
  const id = (what: string) => `preview-${lang}-${what}`;
  return (
    <LanguageContext.Provider value={language}>
      <section class="studio-phone" lang={lang} aria-labelledby={id("heading")}>
        <h2 id={id("heading")} class="studio-phone__heading">
          {page.t.studio.language[lang]} · {pick(scenario.title, lang)}
        </h2>
        <h3 class="small-heading">{t.studio.metrics}</h3>
        <MetricList metrics={preview.metrics} scenario={scenario} showChange={false} />
        <h3 class="small-heading">{t.studio.roles}</h3>
        {preview.roles.map((role) => (
          <RoleCard key={role.id} role={role} brief={briefs.find((b) => b.id === role.id) ?? null} scenario={scenario} open titleId={id(`role-${role.id}`)} />
        ))}
        <h3 class="small-heading">{t.studio.actionsPerPhase}</h3>
        {preview.phases.map((phase) => {
          const info = scenario.phases.find((p) => p.id === phase.phase);
          const actions = scenario.actions.filter((a) => phase.actions.includes(a.id));
          const roles = scenario.roles.filter((r) => actions.some((a) => a.role === r.id));
          return (
            <section key={phase.phase} class="studio-phase" aria-labelledby={id(`phase-${phase.phase}`)}>
              <h4 id={id(`phase-${phase.phase}`)} class="studio-phase__name">
                {pick(info?.label, lang) || phase.phase}
              </h4>
              {roles.length === 0 && <p class="muted">{t.play.noActions}</p>}
              {roles.map((role) => (
                <div key={role.id}>
                  <p class="eyebrow">{roleName(scenario, role.id, lang)}</p>
                  <ActionList
                    actions={actions.filter((a) => a.role === role.id).map((a) => ({ id: a.id, available: false, reason: null }))}
                    brief={briefs.find((b) => b.id === role.id) ?? null}
                    scenario={scenario}
                    controls={previewControls}
                  />
                </div>
              ))}
            </section>
          );
        })}
        {preview.dilemmas.length > 0 && <h3 class="small-heading">{t.studio.dilemmas}</h3>}
        {preview.dilemmas.map((dilemma) => (
          <DilemmaCard key={dilemma.id} dilemma={dilemma} ballot={null} seats={[]} scenario={scenario} controls={previewControls} titleId={id(`dilemma-${dilemma.id}`)} />
        ))}
      </section>
    </LanguageContext.Provider>
  );
}

/** The file as its players will see it: Dutch and English side by side, each at phone width. */
export function PlayerPreview({ preview }: { preview: ScenarioPreview }) {
  return (
    <div class="studio-preview">
      <PhoneColumn preview={preview} lang="nl" />
      <PhoneColumn preview={preview} lang="en" />
    </div>
  );
}
