import { describe, expect, it } from "vitest";
import { explain } from "./refusals";

describe("explain", () => {
  const refusal = { code: "not_your_turn", message: "it is not your turn", reason: { nl: "Je bent nu niet aan de beurt.", en: "It is not your turn now." } };

  it("gives the server's reason in the page's language", () => {
    expect(explain(refusal, "nl")).toBe("Je bent nu niet aan de beurt.");
    expect(explain(refusal, "en")).toBe("It is not your turn now.");
  });

  it("shows the server's English sentence as a sentence when there is no reason", () => {
    expect(explain({ code: "not_your_turn", message: "it is not your turn", reason: null }, "nl")).toBe("It is not your turn.");
    expect(explain({ code: "x", message: "Stopped!" }, "nl")).toBe("Stopped!");
  });

  it("shows at least the code when there is neither", () => {
    expect(explain({ code: "unavailable", message: null, reason: null }, "en")).toBe("Unavailable.");
  });
});
