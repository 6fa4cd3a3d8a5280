import { describe, expect, it } from "vitest";
import { asLanguage, dictionaries, formatDelta, formatNumber, pick } from "./i18n";

type Tree = { [key: string]: unknown };

/** Every leaf of a dictionary by its dotted path: "string", or "function/<arity>". */
function shape(tree: Tree, prefix = ""): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "function") leaves.set(path, `function/${value.length}`);
    else if (value !== null && typeof value === "object") for (const [p, s] of shape(value as Tree, path)) leaves.set(p, s);
    else leaves.set(path, typeof value);
  }
  return leaves;
}

describe("the dictionaries", () => {
  const nl = shape(dictionaries.nl as unknown as Tree);
  const en = shape(dictionaries.en as unknown as Tree);

  it("have every Dutch string in English", () => {
    expect([...nl.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it("have every English string in Dutch", () => {
    expect([...en.keys()].filter((k) => !nl.has(k))).toEqual([]);
  });

  it("take the same arguments in both languages", () => {
    const differing = [...nl].filter(([k, kind]) => en.has(k) && en.get(k) !== kind).map(([k, kind]) => `${k}: nl ${kind}, en ${en.get(k)}`);
    expect(differing).toEqual([]);
  });

  it("leave no string empty", () => {
    const empty = (lang: "nl" | "en") =>
      [...shape(dictionaries[lang] as unknown as Tree)].filter(([k]) => {
        const value = k.split(".").reduce<unknown>((node, part) => (node as Tree)[part], dictionaries[lang]);
        return typeof value === "string" && value.trim() === "";
      });
    expect(empty("nl")).toEqual([]);
    expect(empty("en")).toEqual([]);
  });

  it("form sentences with what they are given", () => {
    expect(dictionaries.nl.points(1)).toBe("1 punt");
    expect(dictionaries.nl.points(3)).toBe("3 punten");
    expect(dictionaries.en.roundOf(2, 3)).toBe("Round 2 of 3");
  });
});

describe("pick", () => {
  it("chooses the page's language, and Dutch when the English is missing", () => {
    expect(pick({ nl: "Wethouder", en: "Alderman" }, "en")).toBe("Alderman");
    expect(pick({ nl: "Wethouder", en: "Alderman" }, "nl")).toBe("Wethouder");
    expect(pick({ nl: "Wethouder", en: "" }, "en")).toBe("Wethouder");
    expect(pick({ nl: "", en: "Alderman" }, "nl")).toBe("Alderman");
    expect(pick(null, "nl")).toBe("");
  });
});

describe("numbers", () => {
  it("use the language's decimal separator and at most two decimals", () => {
    expect(formatNumber(1234.567, "nl")).toBe("1.234,57");
    expect(formatNumber(1234.567, "en")).toBe("1,234.57");
  });

  it("show a change with its sign, a real minus, and ±0 for none", () => {
    expect(formatDelta(5, "nl")).toBe("+5");
    expect(formatDelta(-0.5, "nl")).toBe("−0,5");
    expect(formatDelta(0, "en")).toBe("±0");
  });
});

describe("asLanguage", () => {
  it("accepts only the languages the pages speak", () => {
    expect(asLanguage("nl")).toBe("nl");
    expect(asLanguage("en")).toBe("en");
    expect(asLanguage("de")).toBeNull();
    expect(asLanguage(null)).toBeNull();
  });
});
