import { describe, expect, it } from "vitest";
import { actionCard, actionLabel, dilemmaTitle, knownMetric, metricInfo, roleName } from "./scenario";
import { scenario } from "./test/fixtures";

describe("the scenario's lookups", () => {
  it("find texts by id in the page's language", () => {
    expect(roleName(scenario, "alderman", "en")).toBe("Alderman");
    expect(actionLabel(scenario, "meeting", "nl")).toBe("Buurtavond");
    expect(dilemmaTitle(scenario, "leak", "en")).toBe("Leaking roof");
  });

  it("show an id the outline does not know as it is, and no role as nothing", () => {
    expect(roleName(scenario, "mayor", "nl")).toBe("mayor");
    expect(roleName(scenario, null, "nl")).toBe("");
    expect(actionLabel(scenario, "bribe", "en")).toBe("bribe");
    expect(actionCard(scenario, "bribe")).toMatchObject({ id: "bribe", kind: "direct", to: null, cost: [] });
  });

  it("give an unknown metric a stand-in, but knownMetric only what the outline has", () => {
    expect(metricInfo(scenario, "co2")).toMatchObject({ id: "co2", label: { nl: "co2", en: "co2" }, good: "up" });
    expect(knownMetric(scenario, "co2")).toBeUndefined();
    expect(knownMetric(scenario, "cost")?.good).toBe("down");
  });
});
