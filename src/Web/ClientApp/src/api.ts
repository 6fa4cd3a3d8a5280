import type { Strings } from "./i18n";
import type { ApiError, CreateWorkshopRequest, CreateWorkshopResponse, JoinInfo, JoinResponse, Language, ScenarioEntry } from "./protocol";

/** The outcome of a REST call: the value, or the server's refusal (status and ApiError). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError; retryAfter: number | null };

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    const init: RequestInit = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      init.headers = { Accept: "application/json", "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "no connection" }, retryAfter: null };
  }
  if (response.ok) {
    return { ok: true, value: (await response.json()) as T };
  }
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  let error: ApiError = { code: response.status === 429 ? "rate_limited" : `http_${response.status}`, message: response.statusText };
  try {
    const parsed = (await response.json()) as Partial<ApiError>;
    if (typeof parsed.code === "string") error = { code: parsed.code, message: parsed.message ?? "" };
  } catch {
    // Not JSON (a proxy's page, or an empty 429): keep the status-based code.
  }
  return { ok: false, status: response.status, error, retryAfter: Number.isFinite(retryAfter) ? retryAfter : null };
}

export const api = {
  scenarios: () => call<ScenarioEntry[]>("GET", "/api/scenarios"),
  createWorkshop: (request: CreateWorkshopRequest) => call<CreateWorkshopResponse>("POST", "/api/workshops", request),
  joinInfo: (code: string) => call<JoinInfo>("GET", `/api/join/${encodeURIComponent(code)}`),
  join: (code: string, name: string) => call<JoinResponse>("POST", `/api/join/${encodeURIComponent(code)}`, { name }),
  qrUrl: (code: string) => `/api/join/${encodeURIComponent(code)}/qr.svg`,
};

/** A refused REST call in words. */
export function apiProblem(result: Extract<ApiResult<unknown>, { ok: false }>, t: Strings, lang: Language): string {
  if (result.status === 0) return t.networkError;
  if (result.status === 429) return t.rateLimited(result.retryAfter ?? 10);
  const known = t.apiError[result.error.code];
  if (known) return known;
  if (lang === "en" && result.error.message) return result.error.message;
  return result.error.message || result.error.code;
}
