import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import scenarioSchema from "../../../../schemas/scenario.schema.json";

// The studio's pure parts: where the cursor is in the YAML, what the schema allows there, which ids the
// document defines, its outline, and where a server diagnostic's value starts and ends. The editor
// (components/studio) turns these into CodeMirror completions, lint ranges and jumps.

/** A JSON Schema node as scenario.schema.json writes them (only what completion reads). */
export interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

export interface Schema extends SchemaNode {
  $defs?: Record<string, SchemaNode>;
}

/** The one schema: the file in schemas/, bundled at build time. */
export const schema = scenarioSchema as Schema;

/** Where the cursor is: the keys from the root ("[]" for a list item), and whether it is at a key or after `key:`. */
export interface CursorPlace {
  path: string[];
  /** The key whose value the cursor is in; null at a key. */
  key: string | null;
  /** The word typed so far, and where it starts in the document. */
  word: string;
  from: number;
}

interface LineShape {
  /** Column of the content after indentation and any "- " item markers. */
  content: number;
  /** Column of the last "- " item marker, or null. */
  dash: number | null;
  /** The key at the content, if the line is `key:`. */
  key: string | null;
  /** Whether nothing but a comment follows `key:` (the value is the indented block below). */
  opens: boolean;
}

function shapeOf(line: string): LineShape | null {
  const match = /^(\s*)((?:-\s+)*)(.*)$/.exec(line);
  if (!match) return null;
  const [, indent = "", dashes = "", rest = ""] = match;
  if (rest.startsWith("#") || (rest.trim() === "" && dashes === "")) return null;
  const content = indent.length + dashes.length;
  const dash = dashes === "" ? null : indent.length + dashes.lastIndexOf("-");
  const keyMatch = /^([A-Za-z_][\w]*)\s*:(?:\s|$)(.*)$/.exec(rest) ?? /^([A-Za-z_][\w]*)\s*:$/.exec(rest);
  const key = keyMatch?.[1] ?? null;
  const after = (keyMatch?.[2] ?? "").trim();
  return { content, dash, key, opens: key !== null && (after === "" || after.startsWith("#")) };
}

/**
 * The place of a cursor at `pos`, found from indentation as YAML nests block mappings and lists:
 * each enclosing `key:` with a smaller indent is a parent; a "- " marker makes its line a list item.
 */
export function placeAt(text: string, pos: number): CursorPlace {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const word = /[\w.]*$/.exec(before)?.[0] ?? "";
  const from = pos - word.length;
  const valueMatch = /^\s*(?:-\s+)*([A-Za-z_][\w]*)\s*:\s+(.*)$/.exec(before);
  const key = valueMatch?.[1] ?? null;
  const head = /^(\s*)((?:-\s+)*)/.exec(before);
  let column = (head?.[1]?.length ?? 0) + (head?.[2]?.length ?? 0);
  let dash: number | null = head?.[2] ? (head[1]?.length ?? 0) + head[2].lastIndexOf("-") : null;
  const path: string[] = [];
  const lines = text.slice(0, lineStart).split("\n");
  for (let i = lines.length - 1; i >= 0 && (column > 0 || dash !== null); i--) {
    const line = shapeOf(lines[i] ?? "");
    if (!line) continue;
    if (dash === null) {
      if (line.content === column) {
        // A sibling; the one with the marker starts the list item we are in.
        if (line.dash !== null) dash = line.dash;
        continue;
      }
      if (line.content > column) continue;
      if (!line.opens || line.key === null) break;
      path.unshift(line.key);
      column = line.content;
      dash = line.dash;
    } else {
      // Inside an item: skip sibling items to the key that opens the list.
      if (line.content > dash) continue;
      if (!line.opens || line.key === null) break;
      path.unshift(line.key, "[]");
      column = line.content;
      dash = line.dash;
    }
  }
  return { path, key, word, from };
}

function resolve(node: SchemaNode | undefined, root: Schema): SchemaNode[] {
  if (!node) return [];
  if (node.$ref) {
    const name = node.$ref.replace("#/$defs/", "");
    return resolve(root.$defs?.[name], root);
  }
  const parts = [node];
  for (const sub of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) parts.push(...resolve(sub, root));
  return parts;
}

/** The schema nodes (with their alternatives) at a path of keys from the document's root. */
export function schemaAt(path: string[], root: Schema = schema): SchemaNode[] {
  let nodes = resolve(root, root);
  for (const step of path) {
    const next: SchemaNode[] = [];
    for (const node of nodes) {
      const child = step === "[]" ? node.items : node.properties?.[step];
      next.push(...resolve(child, root));
    }
    nodes = next;
  }
  return nodes;
}

export interface KeyOption {
  key: string;
  description: string;
}

/** The keys the schema allows at a path, each with its description (the first one found). */
export function keysAt(path: string[], root: Schema = schema): KeyOption[] {
  const keys = new Map<string, string>();
  for (const node of schemaAt(path, root)) {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const description = child.description ?? resolve(child, root).find((n) => n.description)?.description ?? "";
      if (!keys.has(key) || !keys.get(key)) keys.set(key, description);
    }
  }
  return [...keys].map(([key, description]) => ({ key, description }));
}

/** The values the schema lists for a key at a path (enums: kind, good, rotation …). */
export function enumAt(path: string[], root: Schema = schema): string[] {
  const values = new Set<string>();
  for (const node of schemaAt(path, root)) for (const v of node.enum ?? []) if (typeof v === "string") values.add(v);
  return [...values];
}

export type IdKind = "role" | "metric" | "resource" | "phase" | "action" | "dilemma";

/** An id the document defines, and where its item starts (the outline jumps there). */
export interface DefinedId {
  kind: IdKind;
  id: string;
  /** For a resource, the role that has it. */
  role?: string;
  /** The Dutch name or label, when the item has one. */
  label: string;
  offset: number;
  line: number;
}

function labelOf(item: unknown, key: string): string {
  if (!isMap(item)) return "";
  const value: unknown = item.get(key, true);
  if (isScalar(value)) return String(value.value ?? "");
  if (isMap(value)) {
    const nl = value.get("nl");
    return typeof nl === "string" ? nl : "";
  }
  return "";
}

function itemsOf(parent: unknown, key: string): { item: unknown; id: string; offset: number }[] {
  if (!isMap(parent)) return [];
  const seq = parent.get(key, true);
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const id = item.get("id");
    return typeof id === "string" && id ? [{ item, id, offset: item.range?.[0] ?? 0 }] : [];
  });
}

/** The ids the document defines (roles, their resources, metrics, phases, actions, dilemmas), as far as it parses. */
export function definedIds(text: string): DefinedId[] {
  const doc = parseDocument(text, { prettyErrors: false });
  const root = doc.contents;
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length;
  const found: DefinedId[] = [];
  const add = (kind: IdKind, entries: { item: unknown; id: string; offset: number }[], labelKey: string, role?: string) => {
    for (const e of entries) {
      const entry: DefinedId = { kind, id: e.id, label: labelOf(e.item, labelKey), offset: e.offset, line: lineOf(e.offset) };
      if (role) entry.role = role;
      found.push(entry);
    }
  };
  const roles = itemsOf(root, "roles");
  add("role", roles, "name");
  for (const role of roles) add("resource", itemsOf(role.item, "resources"), "label", role.id);
  add("metric", itemsOf(root, "metrics"), "label");
  add("phase", isMap(root) ? itemsOf(root.get("rounds", true), "phases") : [], "label");
  add("action", itemsOf(root, "actions"), "label");
  add("dilemma", itemsOf(root, "dilemmas"), "title");
  return found.sort((a, b) => a.offset - b.offset);
}

/** The outline: roles, actions and dilemmas in the file's order. */
export function outline(ids: DefinedId[]): DefinedId[] {
  return ids.filter((d) => d.kind === "role" || d.kind === "action" || d.kind === "dilemma");
}

export interface ValueOption {
  label: string;
  detail: string;
}

/** The key's kinds of id: what a `role:`, `phases:`, `decided_by:` … may name. */
const idsForKey: Record<string, IdKind[]> = {
  role: ["role"],
  to: ["role"],
  decided_by: ["role"],
  phase: ["phase"],
  phases: ["phase"],
  metric: ["metric"],
};

/** Formulas read metrics and `[role.resource]`. */
const formulaKeys = new Set(["when", "condition"]);

/**
 * What may be written at a place: keys of the schema at a key; at a value, the schema's enum, or the
 * ids the key names (`role:` → roles, `phases:` → phases …), and in formulas and effects the metrics and
 * `role.resource` keys; under `cost:` the resources by their bare id.
 */
export function completionsAt(place: CursorPlace, ids: DefinedId[], root: Schema = schema): ValueOption[] {
  const parent = place.path[place.path.length - 1];
  const resourceKeys = ids.filter((d) => d.kind === "resource").map((d) => ({ label: `${d.role}.${d.id}`, detail: "resource" }));
  const metrics = ids.filter((d) => d.kind === "metric").map((d) => ({ label: d.id, detail: "metric" }));
  if (place.key === null) {
    if (parent === "effects") return [...metrics, ...resourceKeys];
    if (parent === "cost") return unique(ids.filter((d) => d.kind === "resource").map((d) => ({ label: d.id, detail: `resource (${d.role})` })));
    return keysAt(place.path, root).map((k) => ({ label: k.key, detail: k.description }));
  }
  const enums = enumAt([...place.path, place.key], root);
  if (enums.length > 0) return enums.map((v) => ({ label: v, detail: place.key ?? "" }));
  const kinds = idsForKey[place.key];
  if (kinds) {
    const options = ids.filter((d) => kinds.includes(d.kind)).map((d) => ({ label: d.id, detail: d.kind }));
    return place.key === "decided_by" ? [...options, { label: "vote", detail: "vote" }] : options;
  }
  if (formulaKeys.has(place.key) || parent === "effects" || place.path.includes("effects")) return [...metrics, ...resourceKeys];
  return [];
}

function unique(options: ValueOption[]): ValueOption[] {
  const seen = new Set<string>();
  return options.filter((o) => !seen.has(o.label) && seen.add(o.label));
}

/**
 * The value a diagnostic's line:column points at, as [start, end) columns (0-based) of its line: a quoted
 * scalar with its quotes, else a plain one up to a comment, the end of a key (`:`) or, inside `{ }` or
 * `[ ]`, the next separator.
 */
export function valueSpan(line: string, column: number): [number, number] {
  const start = Math.min(Math.max(0, column - 1), line.length);
  const quote = line[start];
  if (quote === '"' || quote === "'") {
    for (let i = start + 1; i < line.length; i++) {
      if (quote === '"' && line[i] === "\\") i++;
      else if (line[i] === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else return [start, i + 1];
      }
    }
    return [start, line.length];
  }
  const depth = [...line.slice(0, start)].reduce((d, c) => (c === "{" || c === "[" ? d + 1 : c === "}" || c === "]" ? d - 1 : d), 0);
  let end = start;
  while (end < line.length) {
    const c = line[end] ?? "";
    if (c === "#" && /\s/.test(line[end - 1] ?? " ")) break;
    if (c === ":" && /\s|^$/.test(line[end + 1] ?? "")) break;
    if (depth > 0 && (c === "," || c === "}" || c === "]")) break;
    end++;
  }
  while (end > start && /\s/.test(line[end - 1] ?? "")) end--;
  return [start, Math.max(end, start)];
}

/** A quick fix for one diagnostic: columns of its line to replace, and the text. */
export interface QuickFix {
  from: number;
  to: number;
  insert: string;
}

/**
 * The fix of a diagnostic on its line: the server's `fix` replaces the value at line:column; without one,
 * a "did you mean 'x'?" replaces the quoted word of the message that the value holds (a key, an id, or a
 * name inside a formula).
 */
export function quickFix(line: string, column: number, diagnostic: { message: string; fix: string | null }): QuickFix | null {
  const [start, end] = valueSpan(line, column);
  if (diagnostic.fix !== null) return { from: start, to: end, insert: diagnostic.fix };
  const suggestion = /did you mean '([^']+)'\?/.exec(diagnostic.message)?.[1];
  if (!suggestion) return null;
  const value = line.slice(start, end);
  const words = [...diagnostic.message.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? "").filter((w) => w && w !== suggestion);
  for (const word of words) {
    const at = new RegExp(`(?<![\\w.])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w])`).exec(value);
    if (at) return { from: start + at.index, to: start + at.index + word.length, insert: suggestion };
  }
  return null;
}

/** A draft kept in this browser: the text, the library version it started from, and when it was saved. */
export interface StudioDraft {
  source: string;
  baseId: string | null;
  baseVersion: number | null;
  savedAt: string;
}

const draftKey = "regiolab.studio.draft";

export const studioDraft = {
  get(): StudioDraft | null {
    try {
      const raw = localStorage.getItem(draftKey);
      const value = raw ? (JSON.parse(raw) as Partial<StudioDraft>) : null;
      return value && typeof value.source === "string"
        ? { source: value.source, baseId: value.baseId ?? null, baseVersion: value.baseVersion ?? null, savedAt: value.savedAt ?? "" }
        : null;
    } catch {
      return null;
    }
  },
  set(draft: StudioDraft): boolean {
    try {
      localStorage.setItem(draftKey, JSON.stringify(draft));
      return true;
    } catch {
      return false;
    }
  },
};

/** The id and version a scenario file declares at its top level (as the server's fork and upload read them). */
export function declaredRef(text: string): { id: string | null; version: number } {
  const id = /^id:\s*["']?([a-z][a-z0-9_]*)["']?\s*(?:#.*)?$/m.exec(text)?.[1] ?? null;
  const version = Number.parseInt(/^version:\s*(\d+)\s*(?:#.*)?$/m.exec(text)?.[1] ?? "1", 10);
  return { id, version };
}
