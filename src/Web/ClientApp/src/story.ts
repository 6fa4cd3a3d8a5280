import { formatDelta, pick, type Strings } from "./i18n";
import type { Headline, Language, ScenarioInfo, SeatSummary, Text } from "./protocol";
import { knownMetric, actionLabel as labelOfAction, roleName as nameOfRole, dilemmaTitle as titleOfDilemma } from "./scenario";

// Headlines name things by id in the scenario (an action, a dilemma, an option id). The
// scenario's texts come from its outline; the page remembers what it saw along the way (dilemma
// options, its role's resource labels) so that a headline reads as a sentence: who (name + role)
// did what, what moved.

export interface StoryMemory {
  dilemmaOptions: Map<string, Map<string, Text>>;
  resources: Map<string, Text>;
}

export const emptyMemory = (): StoryMemory => ({
  dilemmaOptions: new Map(),
  resources: new Map(),
});

export interface StoryChange {
  key: string;
  label: string;
  delta: string;
  /** True when the change is good for the community, false when bad, null for a resource. */
  better: boolean | null;
}

export interface StoryLine {
  version: number;
  text: string;
  changes: StoryChange[];
  minor: boolean;
}

export interface StoryContext {
  scenario: ScenarioInfo;
  seats: SeatSummary[];
  memory: StoryMemory;
  lang: Language;
  t: Strings;
}

function roleName(ctx: StoryContext, role: string | null | undefined): string | null {
  return nameOfRole(ctx.scenario, role, ctx.lang) || null;
}

function who(ctx: StoryContext, seat: number | null, role: string | null): string {
  const name = seat === null ? null : (ctx.seats.find((s) => s.seat === seat)?.name ?? null);
  const roleText = roleName(ctx, role);
  if (name && roleText) return ctx.t.headline.who(name, roleText);
  return name ?? roleText ?? ctx.t.headline.someone;
}

function actionLabel(ctx: StoryContext, action: string | null): string {
  return action ? labelOfAction(ctx.scenario, action, ctx.lang) : "";
}

function dilemmaTitle(ctx: StoryContext, dilemma: string | null): string {
  return dilemma ? titleOfDilemma(ctx.scenario, dilemma, ctx.lang) : "";
}

function optionLabel(ctx: StoryContext, dilemma: string | null, option: string): string {
  const label = dilemma
    ? (ctx.memory.dilemmaOptions.get(dilemma)?.get(option) ?? ctx.scenario.dilemmas.find((d) => d.id === dilemma)?.options.find((o) => o.id === option)?.label)
    : undefined;
  if (label) return pick(label, ctx.lang);
  if (option === "yes") return ctx.t.yes;
  if (option === "no") return ctx.t.no;
  return option.replace(/_/g, " ");
}

function changesOf(ctx: StoryContext, headline: Headline): StoryChange[] {
  return headline.changes.map((change) => {
    const metric = knownMetric(ctx.scenario, change.target);
    if (metric) {
      return {
        key: change.target,
        label: pick(metric.label, ctx.lang),
        delta: `${formatDelta(change.delta, ctx.lang)}${pick(metric.unit, ctx.lang) ? ` ${pick(metric.unit, ctx.lang)}` : ""}`,
        better: change.delta > 0 === (metric.good === "up"),
      };
    }
    const resource = ctx.memory.resources.get(change.target);
    const [role, id] = change.target.split(".");
    const label = resource ? pick(resource, ctx.lang) : (id ?? change.target);
    const owner = roleName(ctx, role);
    return { key: change.target, label: owner ? `${label} (${owner})` : label, delta: formatDelta(change.delta, ctx.lang), better: null };
  });
}

function sentence(ctx: StoryContext, h: Headline): { text: string; minor: boolean } | null {
  const t = ctx.t.headline;
  switch (h.kind) {
    case "action":
      return { text: t.action(who(ctx, h.seat, h.role), actionLabel(ctx, h.subject)), minor: false };
    case "proposal":
      return { text: t.proposal(who(ctx, h.seat, h.role), actionLabel(ctx, h.subject), roleName(ctx, h.outcome) ?? "?"), minor: false };
    case "proposal_accepted":
      return { text: t.accepted(who(ctx, h.seat, h.role), h.subject ? actionLabel(ctx, h.subject) : null), minor: false };
    case "vote":
    case "dilemma_vote": {
      const what = h.subject ? (h.kind === "vote" ? actionLabel(ctx, h.subject) : dilemmaTitle(ctx, h.subject)) : null;
      if (h.outcome === null) return { text: t.voteNone(what), minor: false };
      if (h.outcome === "yes") return { text: t.voteCarried(what), minor: false };
      if (h.outcome === "no") return { text: t.voteFailed(what), minor: false };
      return { text: t.voteChose(what, optionLabel(ctx, h.kind === "dilemma_vote" ? h.subject : null, h.outcome)), minor: false };
    }
    case "dilemma": {
      const decider = h.seat === null ? t.theTable : who(ctx, h.seat, ctx.seats.find((s) => s.seat === h.seat)?.role ?? null);
      return { text: t.dilemmaDecided(decider, dilemmaTitle(ctx, h.subject), optionLabel(ctx, h.subject, h.outcome ?? "")), minor: false };
    }
    case "dilemma_drawn":
      return { text: t.dilemmaDrawn(dilemmaTitle(ctx, h.subject)), minor: false };
    case "flow": {
      // The flow's own text: "round 2 phase 3", "role swap after round 2", "(paused)" toggles.
      const subject = h.subject ?? "";
      if (subject.includes("paused")) return null;
      const phase = /^round (\d+) phase (\d+)$/.exec(subject);
      if (phase) {
        const info = ctx.scenario.phases[Number(phase[2]) - 1];
        return info ? { text: t.phase(pick(info.label, ctx.lang)), minor: true } : null;
      }
      if (subject.startsWith("role swap")) return { text: t.roleSwap, minor: true };
      return null;
    }
    default:
      return null;
  }
}

/** The round's headlines as sentences, oldest first. */
export function tell(ctx: StoryContext, headlines: Headline[]): StoryLine[] {
  const lines: StoryLine[] = [];
  for (const h of headlines) {
    const said = sentence(ctx, h);
    if (said) lines.push({ version: h.version, text: said.text, minor: said.minor, changes: changesOf(ctx, h) });
  }
  return lines;
}
