import { afterEach, describe, expect, it, vi } from "vitest";
import { type ApiResult, apiProblem, fileNameOf, getWithBearer, readError, request, sendWithBearer } from "./api";
import { dictionaries } from "./i18n";
import { invalidOf, studioApi } from "./studioApi";

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

describe("request", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Answers every fetch with this response and keeps what was asked. */
  function answer(response: () => Response): { path: string; init: RequestInit }[] {
    const asked: { path: string; init: RequestInit }[] = [];
    vi.stubGlobal("fetch", async (path: string, init: RequestInit) => {
      asked.push({ path, init });
      return response();
    });
    return asked;
  }
  const json =
    (status: number, body: unknown, headers: Record<string, string> = {}) =>
    () =>
      new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
  const reason = { nl: "Deze sleutel hoort niet bij deze werksessie.", en: "This key does not belong to this workshop." };

  it("sends a Bearer key in the Authorization header and hands back the answer", async () => {
    const asked = answer(json(200, { rounds: [] }));
    expect(await getWithBearer("/api/debrief/me", "w1.p1.secret")).toEqual({ ok: true, value: { rounds: [] } });
    expect(asked).toEqual([{ path: "/api/debrief/me", init: { method: "GET", headers: { Accept: "application/json", Authorization: "Bearer w1.p1.secret" } } }]);
  });

  it("sends a Bearer call's JSON body, and sends no Authorization header for an empty key", async () => {
    const asked = answer(json(200, { version: 7 }));
    await sendWithBearer("POST", "/api/workshops/w1/tables/1/notes", "key", { text: "zie ronde 2" });
    await request("POST", "/api/scenarios/preview", { yaml: "id: x\n", key: "" });
    expect(asked[0]?.init).toEqual({
      method: "POST",
      headers: { Accept: "application/json", Authorization: "Bearer key", "Content-Type": "application/json" },
      body: '{"text":"zie ronde 2"}',
    });
    expect(asked[1]?.init).toEqual({ method: "POST", headers: { Accept: "application/json", "Content-Type": "application/yaml" }, body: "id: x\n" });
  });

  it("hands back a refused key (401, 403) with the server's code, message, reason and body", async () => {
    const missing = { code: "key_missing", message: "this needs the facilitator key", reason };
    answer(json(401, missing, { "WWW-Authenticate": "Bearer" }));
    expect(await getWithBearer("/api/workshops/w1/debrief", "")).toEqual({ ok: false, status: 401, error: missing, retryAfter: null, body: missing });
    const wrong = { code: "invalid_key", message: "this key does not belong to this workshop", reason };
    answer(json(403, wrong));
    const refused = await sendWithBearer("DELETE", "/api/workshops/w1", "wrong");
    expect(refused).toEqual({ ok: false, status: 403, error: wrong, retryAfter: null, body: wrong });
    if (!refused.ok) expect(apiProblem(refused, dictionaries.nl, "nl")).toBe(reason.nl);
  });

  it("names a refusal whose body is no JSON by its status, and reads how long to wait", async () => {
    answer(() => new Response("<html>Bad Gateway</html>", { status: 502, statusText: "Bad Gateway", headers: { "Content-Type": "text/html" } }));
    expect(await getWithBearer("/api/me", "token")).toEqual({ ok: false, status: 502, error: { code: "http_502", message: "Bad Gateway" }, retryAfter: null, body: null });
    answer(() => new Response(null, { status: 429, statusText: "Too Many Requests", headers: { "Retry-After": "60" } }));
    expect(await sendWithBearer("POST", "/api/workshops/w1/key", "key")).toMatchObject({ ok: false, status: 429, error: { code: "rate_limited" }, retryAfter: 60 });
  });

  it("answers null for a taken call without a body (204, or an empty 200), and status 0 without a connection", async () => {
    answer(() => new Response(null, { status: 204 }));
    expect(await sendWithBearer("DELETE", "/api/workshops/w1", "key")).toEqual({ ok: true, value: null });
    answer(() => new Response("", { status: 200 }));
    expect(await sendWithBearer("PUT", "/api/workshops/w1/projector", "key", { kind: "none" })).toEqual({ ok: true, value: null });
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await getWithBearer("/api/me", "token")).toEqual({ ok: false, status: 0, error: { code: "network", message: "no connection" }, retryAfter: null, body: null });
  });

  it("gives the studio a scenario's YAML as text, and an upload's diagnostics beside its refusal", async () => {
    const asked = answer(() => new Response("id: buurthuis\n", { status: 200, headers: { "Content-Type": "text/yaml" } }));
    expect(await studioApi.source("buurthuis", 2)).toEqual({ ok: true, value: "id: buurthuis\n" });
    expect(asked[0]).toEqual({ path: "/api/scenarios/buurthuis/2.yaml", init: { method: "GET", headers: { Accept: "text/yaml" } } });
    const invalid = { code: "invalid_scenario", message: "The YAML is not valid.", diagnostics: [{ code: "yaml_syntax", severity: "error", line: 3, column: 5, message: "bad" }] };
    answer(json(422, invalid));
    const refused = await studioApi.publish("id: [", "author");
    expect(refused).toMatchObject({ ok: false, status: 422, error: { code: "invalid_scenario" } });
    expect(invalidOf(refused)).toEqual(invalid);
    answer(json(409, { code: "version_exists", message: "taken" }));
    expect(invalidOf(await studioApi.fork("buurthuis", 2, "mijn-buurthuis", "author"))).toBeNull();
  });
});

describe("fileNameOf", () => {
  it("takes the name a download offers, quoted or not, plain or UTF-8", () => {
    expect(fileNameOf('inline; filename="regiolab-abc234-2026-12-07.html"', "x.html")).toBe("regiolab-abc234-2026-12-07.html");
    expect(fileNameOf("attachment; filename=regiolab-abc234.zip; filename*=UTF-8''regiolab-abc234.zip", "x.zip")).toBe("regiolab-abc234.zip");
    expect(fileNameOf("attachment; filename*=UTF-8''rapport%20tafel.html", "x.html")).toBe("rapport tafel.html");
  });

  it("falls back when there is no name, and keeps a name out of folders", () => {
    expect(fileNameOf(null, "regiolab-export.json")).toBe("regiolab-export.json");
    expect(fileNameOf("attachment", "regiolab-export.zip")).toBe("regiolab-export.zip");
    expect(fileNameOf('attachment; filename="../../etc/x.zip"', "y.zip")).toBe(".._.._etc_x.zip");
    expect(fileNameOf("attachment; filename=%E0%A4%A.zip", "y.zip")).toBe("%E0%A4%A.zip");
  });
});
