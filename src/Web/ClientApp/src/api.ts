import type { Strings } from "./i18n";
import type { ApiError, CreateWorkshopRequest, CreateWorkshopResponse, JoinInfo, JoinResponse, Language, ScenarioEntry, Text } from "./protocol";
import { explain } from "./refusals";

/** The outcome of a REST call: the value, or the server's refusal (status and ApiError). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError; retryAfter: number | null };

const isText = (value: unknown): value is Text => typeof value === "object" && value !== null && typeof (value as Text).nl === "string" && typeof (value as Text).en === "string";

/** The refusal in a response that is not OK: the server's ApiError when the body is one, else its status. */
export function readError(status: number, statusText: string, body: unknown): ApiError {
  const parsed = (typeof body === "object" && body !== null ? body : {}) as Partial<Record<keyof ApiError, unknown>>;
  if (typeof parsed.code !== "string") return { code: status === 429 ? "rate_limited" : `http_${status}`, message: statusText };
  const error: ApiError = { code: parsed.code, message: typeof parsed.message === "string" ? parsed.message : "" };
  if (isText(parsed.reason)) error.reason = parsed.reason;
  return error;
}

/** A refused call's body as the server sent it (null when it was no JSON), for refusals that carry more than an ApiError. */
export type Refused = Extract<ApiResult<unknown>, { ok: false }> & { body: unknown };

/** A JSON call to the REST API: the value, or the refusal with its body (see {@link Refused}). */
export async function request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<{ ok: true; value: T } | Refused> {
  let response: Response;
  try {
    const init: RequestInit = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      init.headers = { Accept: "application/json", "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "no connection" }, retryAfter: null, body: null };
  }
  if (response.ok) {
    return { ok: true, value: (await response.json()) as T };
  }
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // Not JSON (a proxy's page, or an empty 429): the status says what happened.
  }
  return {
    ok: false,
    status: response.status,
    error: readError(response.status, response.statusText, parsed),
    retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
    body: parsed,
  };
}

const call = <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> => request<T>(method, path, body);

/** A GET with a Bearer key or token (the debrief's and a player's own calls), answered as {@link call} answers. */
export async function getWithBearer<T>(path: string, key: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json", Authorization: `Bearer ${key}` } });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "no connection" }, retryAfter: null };
  }
  if (response.ok) return { ok: true, value: (await response.json()) as T };
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status says what happened.
  }
  return { ok: false, status: response.status, error: readError(response.status, response.statusText, body), retryAfter: null };
}

export const api = {
  scenarios: () => call<ScenarioEntry[]>("GET", "/api/scenarios"),
  createWorkshop: (request: CreateWorkshopRequest) => call<CreateWorkshopResponse>("POST", "/api/workshops", request),
  joinInfo: (code: string) => call<JoinInfo>("GET", `/api/join/${encodeURIComponent(code)}`),
  join: (code: string, name: string, table?: number) => call<JoinResponse>("POST", `/api/join/${encodeURIComponent(code)}`, table ? { name, table } : { name }),
  qrUrl: (code: string, table?: number) => `/api/join/${encodeURIComponent(code)}/qr.svg${table ? `?table=${table}` : ""}`,
};

/**
 * A refused REST call in words: the server's reason in the page's language. No connection and
 * too many requests come with no body of the server's (or one a proxy wrote), so those are the page's own.
 */
export function apiProblem(result: Extract<ApiResult<unknown>, { ok: false }>, t: Strings, lang: Language): string {
  if (result.status === 0) return t.networkError;
  if (result.status === 429) return t.rateLimited(result.retryAfter ?? 10);
  return explain(result.error, lang);
}

/**
 * A POST or DELETE with a Bearer key and no body (the console's key rotation and deletion), answered
 * as {@link call} answers; a 204 answers null.
 */
export async function sendWithBearer<T>(method: "POST" | "DELETE", path: string, key: string): Promise<ApiResult<T | null>> {
  let response: Response;
  try {
    response = await fetch(path, { method, headers: { Accept: "application/json", Authorization: `Bearer ${key}` } });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "no connection" }, retryAfter: null };
  }
  if (response.status === 204) return { ok: true, value: null };
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status says what happened.
  }
  if (response.ok) return { ok: true, value: body as T };
  return { ok: false, status: response.status, error: readError(response.status, response.statusText, body), retryAfter: null };
}
