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

/** The outcome of {@link request}: the value, or the refusal with its body. */
export type Answer<T> = { ok: true; value: T } | Refused;

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as the body instead, as application/yaml (the studio's scenario files). */
  yaml?: string;
  /** The facilitator key, author key or seat token, sent as `Authorization: Bearer …`; none when empty. */
  key?: string;
  /** Ask for text (a scenario's YAML) and answer it as a string instead of JSON. */
  text?: boolean;
}

/** A body as JSON, or null when there is none (a 204) or it is no JSON (a proxy's page, an empty 429). */
async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * The one call to the REST API: the value (null when a taken call answers no body, as a 204 does), or
 * the refusal with its body (see {@link Refused}); no connection is status 0, code "network".
 */
export async function request<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: options.text ? "text/yaml" : "application/json" };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  const init: RequestInit = { method, headers };
  if (options.yaml !== undefined) {
    headers["Content-Type"] = "application/yaml";
    init.body = options.yaml;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return offline();
  }
  if (response.ok) return { ok: true, value: (options.text ? await response.text() : await jsonOf(response)) as T };
  return refused(response);
}

/** No connection: status 0, code "network". */
const offline = (): Refused => ({ ok: false, status: 0, error: { code: "network", message: "no connection" }, retryAfter: null, body: null });

/** A response that is not OK as a refusal: the server's ApiError (or its status), its body and Retry-After. */
async function refused(response: Response): Promise<Refused> {
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const body = await jsonOf(response);
  return {
    ok: false,
    status: response.status,
    error: readError(response.status, response.statusText, body),
    retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
    body,
  };
}

const call = <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> => request<T>(method, path, { body });

/** A GET with a Bearer key or token (the debrief's and a player's own calls). */
export const getWithBearer = <T>(path: string, key: string): Promise<ApiResult<T>> => request<T>("GET", path, { key });

/**
 * A POST, PUT or DELETE with a Bearer key and, for some, a JSON body (the debrief's notes, observer
 * link and projector; the console's key rotation and deletion); a call answered without a body gives null.
 */
export const sendWithBearer = <T>(method: "POST" | "PUT" | "DELETE", path: string, key: string, body?: unknown): Promise<ApiResult<T>> => request<T>(method, path, { key, body });

/** The file name a response offers (`Content-Disposition: …; filename="…"`), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const found = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? "");
  let name = found?.[1] ?? "";
  try {
    name = decodeURIComponent(name);
  } catch {
    // A name that is no valid escape is taken as written.
  }
  name = name.replace(/[\\/]/g, "_").trim();
  return name || fallback;
}

/**
 * A file the server gives only with a Bearer key (the facilitator's exports and report): a link cannot send
 * the key, so it is fetched here and handed to the browser as a download under the name the server offers.
 */
export async function downloadWithBearer(path: string, key: string, fallbackName: string): Promise<ApiResult<string>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${key}` } });
  } catch {
    return offline();
  }
  if (!response.ok) return refused(response);
  const name = fileNameOf(response.headers.get("Content-Disposition"), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the object URL is let go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, value: name };
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
