import { formatDelta, pick, type Strings } from "./i18n";
import type { Headline, Language, RoleBrief, ScenarioInfo, SeatSummary, Text } from "./protocol";
import { knownMetric, actionLabel as labelOfAction, roleName as nameOfRole, dilemmaTitle as titleOfDilemma } from "./scenario";

/** A sentence ends once: a title or label that ends in "?" or "!" is not followed by the template's own full stop ("Beheer of eigendom?."). */
export function endsOnce(text: string): string {
  return text.replace(/([?!.…])\.$/u, "$1");
}

// Headlines name things by id in the scenario (an action, a dilemma, an option id). The
// scenario's texts come from its outline; the page remembers what it saw along the way (dilemma
// options, the resource labels of the roles whose briefs it got: a player its own, the console
// every role's) so that a headline reads as a sentence: who (name + the role held then) did what,
// with whom, how it came out, what moved. No id is ever shown as it is.

export interface StoryMemory {
  dilemmaOptions: Map<string, Map<string, Text>>;
  resources: Map<string, Text>;
}

export const emptyMemory = (): StoryMemory => ({
  dilemmaOptions: new Map(),
  resources: new Map(),
});

/** Remembers the resource labels of these roles' briefs (a player's own role, or every role for the console). */
export function rememberBriefs(memory: StoryMemory, briefs: RoleBrief[] | null | undefined): StoryMemory {
  for (const brief of briefs ?? []) {
    for (const r of brief.resources) memory.resources.set(`${brief.id}.${r.id}`, r.label);
  }
  return memory;
}

/** A vote's subject without a leading "Stemming:" / "Vote:" that its label may carry (no "Stem over: Stemming: …"). */
export function ballotSubject(label: string, t: Strings): string {
  const word = t.play.ballot.toLowerCase();
  const trimmed = label.trim();
  if (!trimmed.toLowerCase().startsWith(word)) return label;
  const rest = trimmed.slice(word.length).trimStart();
  const bare = rest.startsWith(":") ? rest.slice(1).trim() : "";
  return bare.length > 0 ? bare : label;
}

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

function voteLabel(ctx: StoryContext, action: string | null): string {
  return ballotSubject(actionLabel(ctx, action), ctx.t);
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

/** A unit that is a plural word ("groepen", "members") reads wrong after ±1: the label already says what is counted. */
function unitFor(unit: string, delta: number): string {
  return Math.abs(delta) === 1 && /^\p{Ll}+$/u.test(unit) ? "" : unit;
}

function changesOf(ctx: StoryContext, headline: Headline): StoryChange[] {
  return headline.changes.map((change) => {
    const metric = knownMetric(ctx.scenario, change.target);
    if (metric) {
      const unit = unitFor(pick(metric.unit, ctx.lang), change.delta);
      return {
        key: change.target,
        label: pick(metric.label, ctx.lang),
        delta: `${formatDelta(change.delta, ctx.lang)}${unit ? ` ${unit}` : ""}`,
        better: change.delta > 0 === (metric.good === "up"),
      };
    }
    // A role's resource ("alderman.capital"): its label from a brief this page got, never its id.
    const resource = ctx.memory.resources.get(change.target);
    const [role] = change.target.split(".");
    const label = resource ? pick(resource, ctx.lang) : ctx.t.headline.resource;
    const owner = roleName(ctx, role);
    return { key: change.target, label: owner ? `${label} (${owner})` : label, delta: formatDelta(change.delta, ctx.lang), better: null };
  });
}

function sentence(ctx: StoryContext, h: Headline): { text: string; minor: boolean } | null {
  const t = ctx.t.headline;
  const line = (text: string) => ({ text: endsOnce(text), minor: false });
  const actor = () => who(ctx, h.seat, h.role);
  const other = () => who(ctx, h.otherSeat, h.otherRole);
  const otherRole = () => roleName(ctx, h.otherRole) ?? t.anotherRole;
  switch (h.kind) {
    case "action":
      return line(t.action(actor(), actionLabel(ctx, h.subject)));
    case "ballot":
      return line(t.ballotCalled(actor(), voteLabel(ctx, h.subject)));
    case "vote": {
      const what = voteLabel(ctx, h.subject);
      const score = `${h.tally?.yes ?? 0}–${h.tally?.no ?? 0}`;
      if (h.outcome === "yes") return line(t.voteCarried(what, score));
      if (h.outcome === "no") return line(t.voteFailed(what, score));
      return line(t.voteNobody(what));
    }
    case "proposal":
      return line(t.proposal(actor(), actionLabel(ctx, h.subject), otherRole()));
    case "proposal_answered": {
      const what = actionLabel(ctx, h.subject);
      if (h.outcome === "accept") return line(t.accepted(actor(), other(), what));
      if (h.outcome === "reject") return line(t.rejected(actor(), other(), what));
      if (h.outcome === "counter") return line(t.countered(actor(), other(), what));
      return null;
    }
    case "counter_answered": {
      const what = actionLabel(ctx, h.subject);
      if (h.outcome === "accept") return line(t.counterAccepted(actor(), otherRole(), what));
      if (h.outcome === "reject") return line(t.counterRejected(actor(), otherRole(), what));
      return null;
    }
    case "proposal_expired":
      return line(t.expired(actor(), otherRole(), actionLabel(ctx, h.subject)));
    case "counter_expired":
      return line(t.counterExpired(otherRole(), actor(), actionLabel(ctx, h.subject)));
    case "dilemma":
      return line(t.dilemmaDecided(actor(), dilemmaTitle(ctx, h.subject), optionLabel(ctx, h.subject, h.outcome ?? "")));
    case "dilemma_default":
      return line(t.dilemmaDefault(dilemmaTitle(ctx, h.subject), optionLabel(ctx, h.subject, h.outcome ?? "")));
    case "dilemma_vote": {
      const title = dilemmaTitle(ctx, h.subject);
      const option = optionLabel(ctx, h.subject, h.outcome ?? "");
      const cast = Object.values(h.tally ?? {}).reduce((sum, n) => sum + n, 0);
      if (cast === 0) return line(t.dilemmaNoVotes(title, option));
      const counts = Object.values(h.tally ?? {});
      const best = Math.max(...counts);
      // A tie is decided by the rules (the default option, else the first), not by the table: say so.
      if (counts.filter((n) => n === best).length > 1) return line(t.dilemmaTied(title, option, counts.filter((n) => n > 0).join("–")));
      return line(t.dilemmaVoted(title, option, h.outcome ? (h.tally?.[h.outcome] ?? 0) : 0, cast));
    }
    case "dilemma_drawn":
      return line(t.dilemmaDrawn(dilemmaTitle(ctx, h.subject)));
    case "flow": {
      // The flow's own text: "round 2 phase 3", "role swap after round 2".
      const subject = h.subject ?? "";
      const phase = /^round (\d+) phase (\d+)$/.exec(subject);
      if (phase) {
        const info = ctx.scenario.phases[Number(phase[2]) - 1];
        return info ? { text: t.phase(pick(info.label, ctx.lang)), minor: true } : null;
      }
      if (subject.startsWith("role swap")) return { text: t.roleSwap, minor: true };
      return null;
    }
    default:
      // A pause and a resume change nothing in the game; they are not part of its story.
      return null;
  }
}

/** The round's headlines as sentences, oldest first. */
/** The context in which the acting seat's name says a bot played it (the headline says it did, at that version). */
function asBot(ctx: StoryContext, seat: number | null): StoryContext {
  return { ...ctx, seats: ctx.seats.map((s) => (s.seat === seat ? { ...s, name: ctx.t.seating.botMark(s.name) } : s)) };
}

export function tell(ctx: StoryContext, headlines: Headline[]): StoryLine[] {
  const lines: StoryLine[] = [];
  for (const h of headlines) {
    const said = sentence(h.bot ? asBot(ctx, h.seat) : ctx, h);
    if (said) lines.push({ version: h.version, text: said.text, minor: said.minor, changes: changesOf(ctx, h) });
  }
  return lines;
}
