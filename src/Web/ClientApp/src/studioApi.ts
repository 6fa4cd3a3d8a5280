import { type ApiResult, readError } from "./api";
import type { InvalidScenario, PreviewReport, StoredScenario } from "./protocol";

// The studio's calls to the scenario library (docs/protocol.md): YAML bodies, the author key as a Bearer key.

async function send<T>(method: "GET" | "POST", path: string, options: { yaml?: string; json?: unknown; key?: string; text?: boolean } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: options.text ? "text/yaml" : "application/json" };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.yaml !== undefined) {
    headers["Content-Type"] = "application/yaml";
    body = options.yaml;
  } else if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await fetch(path, body === undefined ? { method, headers } : { method, headers, body });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "no connection" }, retryAfter: null };
  }
  if (response.ok) return { ok: true, value: (options.text ? await response.text() : await response.json()) as T };
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // Not JSON: the status says what happened.
  }
  const refused = {
    ok: false as const,
    status: response.status,
    error: readError(response.status, response.statusText, parsed),
    retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
  };
  // A 422 carries the file's diagnostics beside the refusal.
  return response.status === 422 ? Object.assign(refused, { invalid: parsed as InvalidScenario }) : refused;
}

const versionPath = (id: string, version: number) => `/api/scenarios/${encodeURIComponent(id)}/${version}`;

export const studioApi = {
  source: (id: string, version: number) => send<string>("GET", `${versionPath(id, version)}.yaml`, { text: true }),
  preview: (yaml: string) => send<PreviewReport>("POST", "/api/scenarios/preview", { yaml }),
  publish: (yaml: string, key: string) => send<StoredScenario>("POST", "/api/scenarios", key ? { yaml, key } : { yaml }),
  fork: (id: string, version: number, newId: string, key: string) =>
    send<StoredScenario>("POST", `${versionPath(id, version)}/fork`, key ? { json: { id: newId }, key } : { json: { id: newId } }),
};

/** The diagnostics of a refused upload (422), if it was one. */
export function invalidOf(result: ApiResult<unknown>): InvalidScenario | null {
  return !result.ok && "invalid" in result ? ((result as { invalid: InvalidScenario }).invalid ?? null) : null;
}
