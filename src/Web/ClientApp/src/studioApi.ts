import { type Answer, request } from "./api";
import type { InvalidScenario, PreviewReport, StoredScenario } from "./protocol";

// The studio's calls to the scenario library (docs/protocol.md): YAML bodies, the author key as a Bearer key.

const versionPath = (id: string, version: number) => `/api/scenarios/${encodeURIComponent(id)}/${version}`;

export const studioApi = {
  source: (id: string, version: number) => request<string>("GET", `${versionPath(id, version)}.yaml`, { text: true }),
  preview: (yaml: string) => request<PreviewReport>("POST", "/api/scenarios/preview", { yaml }),
  publish: (yaml: string, key: string) => request<StoredScenario>("POST", "/api/scenarios", { yaml, key }),
  fork: (id: string, version: number, newId: string, key: string) => request<StoredScenario>("POST", `${versionPath(id, version)}/fork`, { body: { id: newId }, key }),
};

/** The diagnostics of a refused upload (422: they come beside the refusal), if it was one. */
export function invalidOf(result: Answer<unknown>): InvalidScenario | null {
  return !result.ok && result.status === 422 ? (result.body as InvalidScenario | null) : null;
}
