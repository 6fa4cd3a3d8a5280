import { pick } from "./i18n";
import type { AchievementInfo, ActionInfo, DilemmaInfo, Language, MetricInfo, RoleInfo, ScenarioInfo, Text } from "./protocol";

// Updates name roles, metrics, actions, dilemmas and achievements by id; their texts are in the
// ScenarioInfo the page got when it opened. These are its lookups, indexed once per outline.

interface ScenarioIndex {
  roles: Map<string, RoleInfo>;
  metrics: Map<string, MetricInfo>;
  actions: Map<string, ActionInfo>;
  dilemmas: Map<string, DilemmaInfo>;
  achievements: Map<string, AchievementInfo>;
}

const indexes = new WeakMap<ScenarioInfo, ScenarioIndex>();

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));

function indexOf(scenario: ScenarioInfo): ScenarioIndex {
  let index = indexes.get(scenario);
  if (!index) {
    index = {
      roles: byId(scenario.roles),
      metrics: byId(scenario.metrics),
      actions: byId(scenario.actions),
      dilemmas: byId(scenario.dilemmas),
      achievements: byId(scenario.achievements),
    };
    indexes.set(scenario, index);
  }
  return index;
}

/** An id shown as it is, for a text the outline does not have. */
const asText = (id: string): Text => ({ nl: id, en: id });

export const roleInfo = (scenario: ScenarioInfo, id: string): RoleInfo | undefined => indexOf(scenario).roles.get(id);

/** A role's name; the id when the outline does not know it, "" for no role. */
export function roleName(scenario: ScenarioInfo, id: string | null | undefined, lang: Language): string {
  if (!id) return "";
  return pick(roleInfo(scenario, id)?.name, lang) || id;
}

/** A metric's label, unit, range and good direction; an unknown id gets a bare stand-in so its value still shows. */
export const metricInfo = (scenario: ScenarioInfo, id: string): MetricInfo =>
  indexOf(scenario).metrics.get(id) ?? { id, label: asText(id), unit: asText(""), min: 0, max: 0, good: "up" };

/** Only a metric the outline knows: a headline's change may name a role's resource instead. */
export const knownMetric = (scenario: ScenarioInfo, id: string): MetricInfo | undefined => indexOf(scenario).metrics.get(id);

/** An action's card; an unknown id gets a stand-in with the id as its label (the server still decides what it does). */
export const actionCard = (scenario: ScenarioInfo, id: string): ActionInfo =>
  indexOf(scenario).actions.get(id) ?? { id, role: "", label: asText(id), description: asText(""), kind: "direct", to: null, cost: [], effects: [], counterEffects: null };

/** An action's label; the id when the outline does not know it. */
export const actionLabel = (scenario: ScenarioInfo, id: string, lang: Language): string => pick(indexOf(scenario).actions.get(id)?.label, lang) || id;

/** A dilemma's title; the id when the outline does not know it. */
export const dilemmaTitle = (scenario: ScenarioInfo, id: string, lang: Language): string => pick(indexOf(scenario).dilemmas.get(id)?.title, lang) || id;

/** An achievement's label; the id when the outline does not know it. */
export const achievementLabel = (scenario: ScenarioInfo, id: string, lang: Language): string => pick(indexOf(scenario).achievements.get(id)?.label, lang) || id;
