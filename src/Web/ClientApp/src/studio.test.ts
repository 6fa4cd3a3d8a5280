import { describe, expect, it } from "vitest";
import { completionsAt, declaredRef, definedIds, keysAt, outline, placeAt, quickFix, valueSpan } from "./studio";

const yaml = `id: tuin
version: 2
title: { nl: "Tuin", en: "Garden" }
metrics:
  - id: trust
    label: { nl: Vertrouwen, en: Trust }
    good: up
roles:
  - id: alderman
    name: { nl: Wethouder, en: Alderman }
    resources:
      - id: capital
        label: Kapitaal
        start: 5
  - id: resident
    name: Bewoner
rounds:
  count: 3
  phases:
    - id: propose
      label: Voorstellen
    - id: decide
      label: Besluiten
actions:
  - id: plant
    role: resident
    phases: [propose]
    effects:
      trust: 2
dilemmas:
  - id: leak
    title: { nl: Lek, en: Leak }
    decided_by: alderman
`;

/** The place at the end of the first line that starts with `marker` (or at `marker` plus `extra` characters). */
function at(text: string, marker: string): number {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`no ${marker}`);
  return index + marker.length;
}

describe("placeAt", () => {
  it("finds the list item a key is in from indentation", () => {
    const text = `${yaml.slice(0, at(yaml, "        start: 5\n"))}        mi`;
    const place = placeAt(text, text.length);
    expect(place.path).toEqual(["roles", "[]", "resources", "[]"]);
    expect(place.key).toBeNull();
    expect(place.word).toBe("mi");
  });

  it("finds a key's value and the word typed so far", () => {
    const pos = at(yaml, "    role: resi");
    const place = placeAt(yaml, pos);
    expect(place).toMatchObject({ path: ["actions", "[]"], key: "role", word: "resi", from: pos - 4 });
  });

  it("is at the root for a key at column 0", () => {
    const text = "id: tuin\nro";
    expect(placeAt(text, text.length).path).toEqual([]);
  });

  it("knows an item of a list written at its key's indentation", () => {
    const text = "roles:\n- id: a\n  na";
    expect(placeAt(text, text.length).path).toEqual(["roles", "[]"]);
  });
});

describe("completion from the schema", () => {
  it("offers a role's keys with their descriptions", () => {
    const keys = keysAt(["roles", "[]"]);
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(["id", "name", "description", "brief", "resources", "goals", "seats"]));
    expect(keys.find((k) => k.key === "brief")?.description).toMatch(/holder/);
  });

  it("offers the top-level keys at the root and the keys of players through allOf", () => {
    expect(keysAt([]).map((k) => k.key)).toContain("dilemmas");
    expect(keysAt(["players"]).map((k) => k.key)).toEqual(["min", "max"]);
  });

  it("offers an enum's values at a value", () => {
    const options = completionsAt({ path: ["actions", "[]"], key: "kind", word: "", from: 0 }, []);
    expect(options.map((o) => o.label)).toEqual(["direct", "proposal", "vote"]);
  });
});

describe("completion of the document's ids", () => {
  const ids = definedIds(yaml);

  it("finds roles, resources, metrics, phases, actions and dilemmas with their lines", () => {
    expect(ids.map((d) => `${d.kind}:${d.id}`)).toEqual([
      "metric:trust",
      "role:alderman",
      "resource:capital",
      "role:resident",
      "phase:propose",
      "phase:decide",
      "action:plant",
      "dilemma:leak",
    ]);
    expect(ids.find((d) => d.id === "alderman")).toMatchObject({ line: 9, label: "Wethouder" });
    expect(ids.find((d) => d.id === "capital")?.role).toBe("alderman");
  });

  it("offers roles after role:, phases after phases:, and vote besides roles after decided_by:", () => {
    const roles = completionsAt({ path: ["actions", "[]"], key: "role", word: "", from: 0 }, ids);
    expect(roles.map((o) => o.label)).toEqual(["alderman", "resident"]);
    const phases = completionsAt({ path: ["actions", "[]"], key: "phases", word: "", from: 0 }, ids);
    expect(phases.map((o) => o.label)).toEqual(["propose", "decide"]);
    const deciders = completionsAt({ path: ["dilemmas", "[]"], key: "decided_by", word: "", from: 0 }, ids);
    expect(deciders.map((o) => o.label)).toEqual(["alderman", "resident", "vote"]);
  });

  it("offers metrics and role.resource keys in effects and formulas, bare resources under cost", () => {
    const effects = completionsAt(placeAt(yaml, at(yaml, "    effects:\n      ")), ids);
    expect(effects.map((o) => o.label)).toEqual(["trust", "alderman.capital"]);
    const formula = completionsAt({ path: ["dilemmas", "[]", "when"], key: "condition", word: "", from: 0 }, ids);
    expect(formula.map((o) => o.label)).toEqual(["trust", "alderman.capital"]);
    const cost = completionsAt({ path: ["actions", "[]", "cost"], key: null, word: "", from: 0 }, ids);
    expect(cost.map((o) => o.label)).toEqual(["capital"]);
  });

  it("still finds what parses in a half-typed file", () => {
    const broken = `${yaml}  - id: second\n    title: [unclosed\n`;
    expect(definedIds(broken).some((d) => d.id === "alderman")).toBe(true);
  });
});

describe("outline", () => {
  it("lists roles, actions and dilemmas in the file's order", () => {
    expect(outline(definedIds(yaml)).map((d) => d.id)).toEqual(["alderman", "resident", "plant", "leak"]);
  });
});

describe("quick fixes", () => {
  it("spans a plain value, a quoted one, and one inside flow braces", () => {
    expect(valueSpan("    start: 0,35  # comment", 12)).toEqual([11, 15]);
    expect(valueSpan('    when: "[a.b] > 1" # x', 11)).toEqual([10, 21]);
    expect(valueSpan("    players: { min: 2,5, max: 8 }", 21)).toEqual([20, 21]);
  });

  it("replaces the value with the server's fix", () => {
    const line = "    start: 0,35";
    expect(quickFix(line, 12, { message: "decimal comma", fix: "0.35" })).toEqual({ from: 11, to: 15, insert: "0.35" });
  });

  it("replaces the misspelt word of a did-you-mean inside the value", () => {
    const line = "    condition: trustt > 3";
    const fix = quickFix(line, 16, { message: "the formula \"trustt > 3\" reads 'trustt', which is not defined; did you mean 'trust'?", fix: null });
    expect(fix).toEqual({ from: 15, to: 21, insert: "trust" });
    expect(quickFix("    nmae: X", 5, { message: "unknown key 'nmae'; did you mean 'name'?", fix: null })).toEqual({ from: 4, to: 8, insert: "name" });
  });

  it("offers none without a fix or a suggestion", () => {
    expect(quickFix("    start: x", 12, { message: "expected a number", fix: null })).toBeNull();
  });
});

describe("declaredRef", () => {
  it("reads the top-level id and version", () => {
    expect(declaredRef(yaml)).toEqual({ id: "tuin", version: 2 });
    expect(declaredRef("title: x")).toEqual({ id: null, version: 1 });
  });
});
