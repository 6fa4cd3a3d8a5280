import { describe, expect, it } from "vitest";
import { dictionaries, pick } from "./i18n";
import type { Headline, Language, RoleBrief } from "./protocol";
import { ballotSubject, emptyMemory, endsOnce, rememberBriefs, type StoryMemory, tell } from "./story";
import { headline, scenario, seats } from "./test/fixtures";

const context = (lang: Language = "nl", memory: StoryMemory = emptyMemory()) => ({ scenario, seats, memory, lang, t: dictionaries[lang] });

describe("tell", () => {
  it("names who did what by seat name, role and the action's label", () => {
    const [line] = tell(context(), [headline(5)]);
    expect(line).toMatchObject({ version: 5, text: "Bram als Bewoner deed: Buurtavond.", minor: false });
  });

  it("marks a line whose seat a bot played then, in both languages, and only that seat", () => {
    const bot = headline(6, { kind: "proposal_answered", outcome: "accept", subject: "subsidy", otherSeat: 0, otherRole: "alderman", bot: true });
    expect(tell(context(), [bot])[0]?.text).toBe("Bram (bot) als Bewoner ging akkoord met het voorstel van Anna als Wethouder: Subsidie geven.");
    expect(tell(context("en"), [bot])[0]?.text).toBe("Bram (bot) as Resident accepted the proposal from Anna as Alderman: Grant a subsidy.");
    expect(tell(context(), [headline(7)])[0]?.text).toBe("Bram als Bewoner deed: Buurtavond.");
  });

  it("speaks the page's language", () => {
    const [line] = tell(context("en"), [headline(5)]);
    expect(line?.text).toBe("Bram as Resident did: Neighbourhood evening.");
  });

  it("falls back to the role, then to 'someone', when the seat is unknown", () => {
    const lines = tell(context(), [headline(1, { seat: 9 }), headline(2, { seat: null, role: null })]);
    expect(lines.map((l) => l.text)).toEqual(["Bewoner deed: Buurtavond.", "Iemand deed: Buurtavond."]);
  });

  it("says to whom a proposal went", () => {
    const [line] = tell(context(), [headline(3, { kind: "proposal", seat: 0, role: "alderman", subject: "subsidy", otherRole: "resident" })]);
    expect(line?.text).toBe("Anna als Wethouder stelde Bewoner voor: Subsidie geven.");
  });

  it("tells every answer to a proposal by who answered whom: accept, reject, counter, and a counter's answers", () => {
    const answer = (version: number, outcome: string) =>
      headline(version, { kind: "proposal_answered", seat: 1, role: "resident", subject: "subsidy", outcome, otherSeat: 0, otherRole: "alderman" });
    const counter = (version: number, outcome: string) =>
      headline(version, { kind: "counter_answered", seat: 0, role: "alderman", subject: "subsidy", outcome, otherRole: "resident" });
    const lines = tell(context(), [answer(1, "accept"), answer(2, "reject"), answer(3, "counter"), counter(4, "accept"), counter(5, "reject")]);
    expect(lines.map((l) => l.text)).toEqual([
      "Bram als Bewoner ging akkoord met het voorstel van Anna als Wethouder: Subsidie geven.",
      "Bram als Bewoner wees het voorstel van Anna als Wethouder af: Subsidie geven.",
      "Bram als Bewoner deed Anna als Wethouder een tegenvoorstel: Subsidie geven.",
      "Anna als Wethouder ging akkoord met het tegenvoorstel van Bewoner: Subsidie geven.",
      "Anna als Wethouder wees het tegenvoorstel van Bewoner af: Subsidie geven.",
    ]);
  });

  it("tells a proposal and a counter that ran out unanswered", () => {
    const lines = tell(context("en"), [
      headline(1, { kind: "proposal_expired", seat: 0, role: "alderman", subject: "subsidy", outcome: "expire", otherRole: "resident" }),
      headline(2, { kind: "counter_expired", seat: 0, role: "alderman", subject: "subsidy", outcome: "expire", otherRole: "resident" }),
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      "The proposal from Anna as Alderman to Resident ran out unanswered: Grant a subsidy.",
      "The counter-offer from Resident to Anna as Alderman ran out unanswered: Grant a subsidy.",
    ]);
  });

  it("names the role held when it happened, not the role the seat holds now", () => {
    const [line] = tell(context(), [headline(7, { kind: "dilemma", seat: 1, role: "alderman", subject: "leak", outcome: "repair" })]);
    expect(line?.text).toBe("Bram als Wethouder koos bij ‘Lekkend dak’: Repareren.");
  });

  it("tells a vote's outcome with its count: carried, failed, and nobody voted", () => {
    const lines = tell(context(), [
      headline(1, { kind: "ballot", seat: 1, role: "resident", subject: "meeting" }),
      headline(2, { kind: "vote", seat: null, role: null, subject: "meeting", outcome: "yes", tally: { yes: 3, no: 1 } }),
      headline(3, { kind: "vote", seat: null, role: null, subject: "meeting", outcome: "no", tally: { yes: 1, no: 3 } }),
      headline(4, { kind: "vote", seat: null, role: null, subject: "meeting", outcome: null, tally: { yes: 0, no: 0 } }),
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      "Bram als Bewoner vroeg een stemming aan over: Buurtavond.",
      "De stemming over ‘Buurtavond’ is aangenomen (3–1).",
      "De stemming over ‘Buurtavond’ is verworpen (1–3).",
      "Niemand stemde over ‘Buurtavond’; het gaat niet door.",
    ]);
  });

  it("tells how a dilemma was settled: by the table's vote, with no votes, or by default", () => {
    const lines = tell(context(), [
      headline(1, { kind: "dilemma_vote", seat: null, role: null, subject: "leak", outcome: "repair", tally: { repair: 3, wait: 1 } }),
      headline(2, { kind: "dilemma_vote", seat: null, role: null, subject: "leak", outcome: "wait", tally: { repair: 0, wait: 0 } }),
      headline(3, { kind: "dilemma_default", seat: null, role: null, subject: "leak", outcome: "wait" }),
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      "De tafel stemde bij ‘Lekkend dak’ voor: Repareren (3 van 4 stemmen).",
      "Niemand stemde bij ‘Lekkend dak’; het standaardantwoord geldt: Afwachten.",
      "Bij ‘Lekkend dak’ koos niemand op tijd; het standaardantwoord geldt: Afwachten.",
    ]);
  });

  it("says a tied vote was settled by the rules, not that the table voted for it", () => {
    const [nl] = tell(context(), [headline(1, { kind: "dilemma_vote", seat: null, role: null, subject: "leak", outcome: "wait", tally: { repair: 1, wait: 1 } })]);
    expect(nl?.text).toBe("Bij ‘Lekkend dak’ staakten de stemmen (1–1); volgens de spelregels gaat door: Afwachten.");
    const [en] = tell(context("en"), [headline(1, { kind: "dilemma_vote", seat: null, role: null, subject: "leak", outcome: "wait", tally: { repair: 1, wait: 1 } })]);
    expect(en?.text).toMatch(/^On ‘.+’ the votes were tied \(1–1\); by the rules this goes ahead: .+\.$/);
  });

  it("ends a sentence once when a title ends in a question mark", () => {
    expect(endsOnce("Nieuw dilemma: Beheer of eigendom?.")).toBe("Nieuw dilemma: Beheer of eigendom?");
    expect(endsOnce("Klaar!.")).toBe("Klaar!");
    expect(endsOnce("Gewoon een zin.")).toBe("Gewoon een zin.");
  });

  it("drops a leading 'Stemming:' from a vote's subject", () => {
    expect(ballotSubject("Stemming: subsidie per uur", dictionaries.nl)).toBe("subsidie per uur");
    expect(ballotSubject("Vote: a subsidy", dictionaries.en)).toBe("a subsidy");
    expect(ballotSubject("Stemmingmakerij", dictionaries.nl)).toBe("Stemmingmakerij");
  });

  it("prefers the option labels the page saw in the dilemma over the outline's", () => {
    const memory = emptyMemory();
    memory.dilemmaOptions.set("leak", new Map([["repair", { nl: "Dak laten maken", en: "Have the roof fixed" }]]));
    const [line] = tell(context("nl", memory), [headline(7, { kind: "dilemma", seat: 0, role: "alderman", subject: "leak", outcome: "repair" })]);
    expect(line?.text).toBe("Anna als Wethouder koos bij ‘Lekkend dak’: Dak laten maken.");
  });

  it("tells a new phase as a minor line and leaves out pauses, resumes and unknown flow texts", () => {
    const lines = tell(context(), [
      headline(1, { kind: "flow", seat: null, role: null, subject: "round 1 phase 2" }),
      headline(2, { kind: "pause", seat: null, role: null, subject: "round 1 phase 2 (paused)" }),
      headline(6, { kind: "resume", seat: null, role: null, subject: "round 1 phase 2" }),
      headline(3, { kind: "flow", seat: null, role: null, subject: "role swap after round 1" }),
      headline(4, { kind: "flow", seat: null, role: null, subject: "round 1 phase 9" }),
      headline(5, { kind: "flow", seat: null, role: null, subject: "something else" }),
    ]);
    expect(lines.map((l) => [l.version, l.text, l.minor])).toEqual([
      [1, "Nieuwe fase: Besluiten.", true],
      [3, "Rolwissel.", true],
    ]);
  });

  it("labels a metric's change with its unit and says whether it is good for the community", () => {
    const [line] = tell(context(), [
      headline(1, {
        changes: [
          { target: "trust", delta: 5 },
          { target: "cost", delta: 20 },
          { target: "cost", delta: -2.5 },
          { target: "groups", delta: 1 },
          { target: "groups", delta: -2 },
        ],
      }),
    ]);
    expect(line?.changes).toEqual([
      { key: "trust", label: "Vertrouwen", delta: "+5", better: true },
      { key: "cost", label: "Kosten", delta: "+20 k€", better: false },
      { key: "cost", label: "Kosten", delta: "−2,5 k€", better: true },
      { key: "groups", label: "Buurtgroepen", delta: "+1", better: true },
      { key: "groups", label: "Buurtgroepen", delta: "−2 groepen", better: false },
    ]);
  });

  it("labels a role's resource with the name the page remembered and its owner's role, never its id", () => {
    const memory = emptyMemory();
    memory.resources.set("alderman.capital", { nl: "Politiek kapitaal", en: "Political capital" });
    const [line] = tell(context("en", memory), [
      headline(1, {
        changes: [
          { target: "alderman.capital", delta: -1 },
          { target: "resident.hours", delta: 3 },
        ],
      }),
    ]);
    expect(line?.changes).toEqual([
      { key: "alderman.capital", label: "Political capital (Alderman)", delta: "−1", better: null },
      { key: "resident.hours", label: "Resource (Resident)", delta: "+3", better: null },
    ]);
  });
});

describe("tell, over every kind of headline", () => {
  // Every kind with every outcome it can carry, by seats that are known, unknown or none.
  const kinds: Partial<Headline>[] = [
    { kind: "action", subject: "meeting" },
    { kind: "ballot", subject: "meeting" },
    ...["yes", "no", null].map((outcome) => ({ kind: "vote" as const, subject: "meeting", outcome, tally: { yes: outcome === null ? 0 : 2, no: 1 } })),
    { kind: "proposal", subject: "subsidy", otherRole: "resident" },
    ...["accept", "reject", "counter"].map((outcome) => ({ kind: "proposal_answered" as const, subject: "subsidy", outcome, otherSeat: 0, otherRole: "alderman" })),
    ...["accept", "reject"].map((outcome) => ({ kind: "counter_answered" as const, subject: "subsidy", outcome, otherRole: "resident" })),
    { kind: "proposal_expired", subject: "subsidy", outcome: "expire", otherRole: "resident" },
    { kind: "counter_expired", subject: "subsidy", outcome: "expire", otherRole: "resident" },
    { kind: "dilemma", subject: "leak", outcome: "repair" },
    { kind: "dilemma_default", subject: "leak", outcome: "wait" },
    { kind: "dilemma_vote", subject: "leak", outcome: "repair", tally: { repair: 2, wait: 1 } },
    { kind: "dilemma_vote", subject: "leak", outcome: "wait", tally: { repair: 0, wait: 0 } },
    { kind: "dilemma_drawn", subject: "leak" },
    { kind: "flow", subject: "round 2 phase 1" },
    { kind: "flow", subject: "role swap after round 2" },
  ];
  const actors: Partial<Headline>[] = [
    { seat: 0, role: "alderman" },
    { seat: 9, role: "resident" },
    { seat: null, role: null },
  ];
  const changes = [
    { target: "trust", delta: 2 },
    { target: "groups", delta: 1 },
    { target: "alderman.capital", delta: -1 },
    { target: "resident.hours", delta: -3 },
  ];
  const ids = [
    ...scenario.roles.map((r) => r.id),
    ...scenario.actions.map((a) => a.id),
    ...scenario.dilemmas.flatMap((d) => [d.id, ...d.options.map((o) => o.id)]),
    ...scenario.metrics.map((m) => m.id),
    "capital",
    "hours",
  ];
  const briefs: RoleBrief[] = [
    { id: "alderman", brief: { nl: "", en: "" }, resources: [{ id: "capital", label: { nl: "Politiek krediet", en: "Political credit" } }], goals: [] },
    { id: "resident", brief: { nl: "", en: "" }, resources: [{ id: "hours", label: { nl: "Vrije uren", en: "Spare time" } }], goals: [] },
  ];

  const labels = (lang: Language) =>
    [
      ...scenario.roles.map((r) => r.name),
      ...scenario.actions.map((a) => a.label),
      ...scenario.dilemmas.flatMap((d) => [d.title, ...d.options.map((o) => o.label)]),
      ...scenario.metrics.map((m) => m.label),
      ...briefs.flatMap((b) => b.resources.map((r) => r.label)),
    ]
      .map((text) => pick(text, lang))
      .sort((a, b) => b.length - a.length);

  for (const lang of ["nl", "en"] as const) {
    it(`tells each as a sentence without an id, a question mark or an empty part (${lang})`, () => {
      const memory = rememberBriefs(emptyMemory(), briefs);
      const headlines = kinds.flatMap((kind, i) => actors.map((actor, j) => headline(i * 10 + j, { ...actor, ...kind, changes })));
      const lines = tell(context(lang, memory), headlines);
      expect(lines).toHaveLength(headlines.length);
      for (const line of lines) {
        const texts = [line.text, ...line.changes.map((c) => `${c.label} ${c.delta}`)];
        for (const text of texts) {
          // A label may hold a word that is also an id ("Grant a subsidy"): look for ids outside the labels.
          const outside = labels(lang).reduce((rest, label) => rest.split(label).join("|"), text);
          for (const id of ids) expect(outside, `'${text}' shows the id '${id}'`).not.toMatch(new RegExp(`(?<![\\p{L}])${id}(?![\\p{L}])`, "u"));
          expect(text).not.toMatch(/\?|undefined|null|NaN|‘’|: \.|_/);
        }
      }
    });
  }
});
