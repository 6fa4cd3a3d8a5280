import { describe, expect, it } from "vitest";
import { dictionaries } from "./i18n";
import type { Language } from "./protocol";
import { emptyMemory, type StoryMemory, tell } from "./story";
import { headline, scenario, seats } from "./test/fixtures";

const context = (lang: Language = "nl", memory: StoryMemory = emptyMemory()) => ({ scenario, seats, memory, lang, t: dictionaries[lang] });

describe("tell", () => {
  it("names who did what by seat name, role and the action's label", () => {
    const [line] = tell(context(), [headline(5)]);
    expect(line).toMatchObject({ version: 5, text: "Bram als Bewoner deed: Buurtavond.", minor: false });
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
    const [line] = tell(context(), [headline(3, { kind: "proposal", seat: 0, role: "alderman", subject: "subsidy", outcome: "resident" })]);
    expect(line?.text).toBe("Anna als Wethouder stelde Bewoner voor: Subsidie geven.");
  });

  it("tells a vote's outcome: carried, failed, none, or the option chosen", () => {
    const lines = tell(context(), [
      headline(1, { kind: "vote", subject: "meeting", outcome: "yes" }),
      headline(2, { kind: "vote", subject: "meeting", outcome: "no" }),
      headline(3, { kind: "vote", subject: "meeting", outcome: null }),
      headline(4, { kind: "dilemma_vote", subject: "leak", outcome: "repair" }),
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      "De stemming over ‘Buurtavond’ is aangenomen.",
      "De stemming over ‘Buurtavond’ is verworpen.",
      "De stemming over ‘Buurtavond’ had geen uitslag.",
      "De tafel stemde bij ‘Lekkend dak’ voor: Repareren.",
    ]);
  });

  it("prefers the option labels the page saw in the dilemma over the outline's", () => {
    const memory = emptyMemory();
    memory.dilemmaOptions.set("leak", new Map([["repair", { nl: "Dak laten maken", en: "Have the roof fixed" }]]));
    const [line] = tell(context("nl", memory), [headline(7, { kind: "dilemma", seat: 0, role: null, subject: "leak", outcome: "repair" })]);
    expect(line?.text).toBe("Anna als Wethouder koos bij ‘Lekkend dak’: Dak laten maken.");
  });

  it("credits a dilemma without a seat to the table, and shows an unknown option readably", () => {
    const [line] = tell(context(), [headline(7, { kind: "dilemma", seat: null, role: null, subject: "leak", outcome: "ask_the_council" })]);
    expect(line?.text).toBe("De tafel koos bij ‘Lekkend dak’: ask the council.");
  });

  it("tells a new phase as a minor line and leaves out pauses and unknown flow texts", () => {
    const lines = tell(context(), [
      headline(1, { kind: "flow", seat: null, role: null, subject: "round 1 phase 2" }),
      headline(2, { kind: "flow", seat: null, role: null, subject: "round 1 phase 2 (paused)" }),
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
        ],
      }),
    ]);
    expect(line?.changes).toEqual([
      { key: "trust", label: "Vertrouwen", delta: "+5", better: true },
      { key: "cost", label: "Kosten", delta: "+20 k€", better: false },
      { key: "cost", label: "Kosten", delta: "−2,5 k€", better: true },
    ]);
  });

  it("labels a role's resource with the name the page remembered and its owner's role", () => {
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
      { key: "resident.hours", label: "hours (Resident)", delta: "+3", better: null },
    ]);
  });
});
