import { describe, expect, it } from "vitest";
import { type ApiResult, apiProblem, readError } from "./api";
import { dictionaries } from "./i18n";

type Refused = Extract<ApiResult<unknown>, { ok: false }>;

const refused = (status: number, body: unknown, retryAfter: number | null = null): Refused => ({ ok: false, status, error: readError(status, "Status text", body), retryAfter });

const reason = { nl: "Deze code kennen we niet.", en: "We do not know this code." };

describe("apiProblem", () => {
  it("gives the server's reason in the page's language", () => {
    const result = refused(404, { code: "no_such_workshop", message: "there is no workshop with this code", reason });
    expect(apiProblem(result, dictionaries.nl, "nl")).toBe("Deze code kennen we niet.");
    expect(apiProblem(result, dictionaries.en, "en")).toBe("We do not know this code.");
  });

  it("says in its own words that there is no connection, or that the person goes too fast", () => {
    expect(apiProblem(refused(0, null), dictionaries.nl, "nl")).toBe(dictionaries.nl.networkError);
    const tooFast = refused(429, { code: "too_many_requests", message: "too many", reason }, 60);
    expect(apiProblem(tooFast, dictionaries.en, "en")).toBe(dictionaries.en.rateLimited(60));
    expect(apiProblem(refused(429, null), dictionaries.nl, "nl")).toBe(dictionaries.nl.rateLimited(10));
  });

  it("shows the English sentence, or the status, when an answer has no reason", () => {
    expect(apiProblem(refused(409, { code: "x", message: "the game has started" }), dictionaries.nl, "nl")).toBe("The game has started.");
    expect(apiProblem(refused(502, "<html>Bad Gateway</html>"), dictionaries.nl, "nl")).toBe("Status text.");
  });
});

describe("readError", () => {
  it("keeps the server's code, message and reason", () => {
    expect(readError(400, "Bad Request", { code: "invalid_tables", message: "Choose 1 to 20 tables.", reason })).toEqual({
      code: "invalid_tables",
      message: "Choose 1 to 20 tables.",
      reason,
    });
  });

  it("takes no reason that is not a text in both languages", () => {
    expect(readError(400, "Bad Request", { code: "invalid_tables", message: "m", reason: "Kies" })).toEqual({ code: "invalid_tables", message: "m" });
    expect(readError(400, "Bad Request", { code: "invalid_tables", reason: { nl: "Kies" } })).toEqual({ code: "invalid_tables", message: "" });
  });

  it("names a body that is no refusal by its status", () => {
    expect(readError(502, "Bad Gateway", null)).toEqual({ code: "http_502", message: "Bad Gateway" });
    expect(readError(429, "Too Many Requests", { error: "slow down" })).toEqual({ code: "rate_limited", message: "Too Many Requests" });
  });
});
