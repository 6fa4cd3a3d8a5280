import type { Headline, ScenarioInfo, SeatSummary, Text } from "../protocol";

// A small scenario outline and table, shaped like what the server sends, for the unit tests.

const text = (nl: string, en: string): Text => ({ nl, en });

export const scenario: ScenarioInfo = {
  id: "buurthuis",
  version: 1,
  title: text("Het buurthuis", "The community centre"),
  summary: text("Bewoners nemen het buurthuis over.", "Residents take over the centre."),
  rounds: 3,
  maxPlayers: 8,
  phases: [
    { id: "propose", label: text("Voorstellen", "Propose"), seconds: 300 },
    { id: "decide", label: text("Besluiten", "Decide"), seconds: 300 },
  ],
  roles: [
    { id: "alderman", name: text("Wethouder", "Alderman"), description: text("", "") },
    { id: "resident", name: text("Bewoner", "Resident"), description: text("", "") },
  ],
  metrics: [
    { id: "trust", label: text("Vertrouwen", "Trust"), unit: text("", ""), min: 0, max: 100, good: "up" },
    { id: "cost", label: text("Kosten", "Cost"), unit: text("k€", "k€"), min: 0, max: 500, good: "down" },
    { id: "groups", label: text("Buurtgroepen", "Groups"), unit: text("groepen", "groups"), min: 0, max: 40, good: "up" },
  ],
  dilemmas: [
    {
      id: "leak",
      title: text("Lekkend dak", "Leaking roof"),
      options: [
        { id: "repair", label: text("Repareren", "Repair") },
        { id: "wait", label: text("Afwachten", "Wait") },
      ],
    },
  ],
  actions: [
    {
      id: "subsidy",
      role: "alderman",
      label: text("Subsidie geven", "Grant a subsidy"),
      description: text("", ""),
      kind: "proposal",
      to: "resident",
      cost: [],
      effects: [{ metric: "trust", change: "5" }],
      counterEffects: null,
    },
    {
      id: "meeting",
      role: "resident",
      label: text("Buurtavond", "Neighbourhood evening"),
      description: text("", ""),
      kind: "direct",
      to: null,
      cost: [],
      effects: [],
      counterEffects: null,
    },
  ],
  achievements: [],
  swapReflection: text("Hoe was het?", "How was it?"),
  reasons: [text("Niet in deze fase.", "Not in this phase.")],
};

export const seats: SeatSummary[] = [
  { seat: 0, name: "Anna", present: true, left: false, role: "alderman", points: 0, bot: null },
  { seat: 1, name: "Bram", present: true, left: false, role: "resident", points: 0, bot: null },
];

export function headline(version: number, fields: Partial<Headline> = {}): Headline {
  return {
    version,
    kind: "action",
    seat: 1,
    role: "resident",
    subject: "meeting",
    outcome: null,
    otherSeat: null,
    otherRole: null,
    tally: null,
    changes: [],
    bot: false,
    ...fields,
  };
}
