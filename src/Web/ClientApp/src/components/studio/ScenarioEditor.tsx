import { autocompletion, type CompletionContext, type CompletionResult, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, linter, lintGutter, lintKeymap } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "preact/hooks";
import { useLanguage } from "../../i18n";
import type { DiagnosticView } from "../../protocol";
import { completionsAt, definedIds, placeAt, quickFix, valueSpan } from "../../studio";

/** What the page does with the editor: jump to an offset (the outline) and read the text. */
export interface EditorHandle {
  jump: (offset: number) => void;
  text: () => string;
}

/** Completion of schema keys and the document's ids at the cursor (studio.ts decides what fits). */
function complete(context: CompletionContext): CompletionResult | null {
  const text = context.state.doc.toString();
  const place = placeAt(text, context.pos);
  if (place.word === "" && !context.explicit) return null;
  const options = completionsAt(place, definedIds(text));
  if (options.length === 0) return null;
  return {
    from: place.from,
    options: options.map((o) => ({
      label: o.label,
      detail: o.detail.length > 60 ? `${o.detail.slice(0, 57)}…` : o.detail,
      info: o.detail,
      type: place.key ? "variable" : "property",
    })),
    validFor: /^[\w.]*$/,
  };
}

/** The server's diagnostics as CodeMirror's: underlined from line:column over the value, with a quick fix where there is one. */
function toLint(state: EditorState, problems: DiagnosticView[], fixLabel: (text: string) => string): Diagnostic[] {
  const doc = state.doc;
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
    const [start, end] = valueSpan(line.text, p.column);
    const from = line.from + start;
    const to = Math.min(line.to, Math.max(line.from + end, from + 1));
    const fix = quickFix(line.text, p.column, p);
    const diagnostic: Diagnostic = { from, to, severity: p.severity === "error" ? "error" : "warning", source: p.code, message: p.message };
    if (fix) {
      diagnostic.actions = [
        {
          name: fixLabel(fix.insert),
          apply: (view, mappedFrom) => {
            const shift = mappedFrom - from;
            view.dispatch({ changes: { from: line.from + fix.from + shift, to: line.from + fix.to + shift, insert: fix.insert } });
          },
        },
      ];
    }
    return diagnostic;
  });
}

/**
 * The text's label and how to use the keyboard in it (as a description: an id reference would not reach the
 * page from inside the shadow root); an explicit tabindex tells checkers (axe) the scrolled text takes the keyboard, as it does.
 */
const contentAttributes = (label: string, hint: string) => EditorView.contentAttributes.of({ "aria-label": label, "aria-description": hint, tabindex: "0" });

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px", border: "1px solid var(--border, #8a8f98)", borderRadius: "6px", background: "#fff" },
  "&.cm-focused": { outline: "3px solid var(--focus, #1a56db)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.5" },
  ".cm-gutters": { background: "#f3f4f6", color: "#4b5563", borderRight: "1px solid #d1d5db" },
  ".cm-activeLineGutter": { background: "#e5e7eb", color: "#111827" },
  ".cm-activeLine": { background: "#f0f5ff" },
  ".cm-tooltip": { fontSize: "14px" },
});

/**
 * The scenario file in CodeMirror 6 with its YAML language: completion, the server's diagnostics as lint
 * (run `delay` ms after the last keystroke), a lint gutter, search, history. `check` asks the server and
 * answers the diagnostics (null when it could not: the old ones stay). The text is replaced when `loaded` changes.
 */
export function ScenarioEditor({
  source,
  loaded,
  readOnly,
  check,
  onChange,
  handle,
}: {
  source: string;
  /** Changes when another file is opened (the editor then takes `source`). */
  loaded: number;
  readOnly: boolean;
  check: (text: string) => Promise<DiagnosticView[] | null>;
  onChange: (text: string) => void;
  handle: { current: EditorHandle | null };
}) {
  const { t } = useLanguage();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const labels = useRef(new Compartment());
  // The latest callbacks, read by the editor's extensions (made once).
  const latest = useRef({ check, onChange, fixTo: t.studio.fixTo });
  latest.current = { check, onChange, fixTo: t.studio.fixTo };
  // The last diagnostics the server gave: kept while it cannot answer.
  const previous = useRef<Diagnostic[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once; later props arrive through the effects below
  useEffect(() => {
    if (!host.current) return;
    const state = EditorState.create({
      doc: source,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        // Long texts (briefs, summaries) wrap: the outline and the diagnostics never leave a line scrolled sideways.
        EditorView.lineWrapping,
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        autocompletion({ override: [complete] }),
        linter(
          async (v) => {
            const problems = await latest.current.check(v.state.doc.toString());
            if (problems !== null) previous.current = toLint(v.state, problems, latest.current.fixTo);
            return previous.current.filter((d) => d.to <= v.state.doc.length);
          },
          { delay: 700 },
        ),
        keymap.of([...completionKeymap, ...lintKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...defaultKeymap, indentWithTab]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
        theme,
        editable.current.of([EditorState.readOnly.of(readOnly)]),
        labels.current.of(contentAttributes(t.studio.editor, t.studio.editorHint)),
      ],
    });
    // In a shadow root CodeMirror styles itself with a constructed style sheet, which the page's
    // Content-Security-Policy (style-src 'self') allows; on the document it would add <style> elements it refuses.
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: "open" });
    const parent = document.createElement("div");
    parent.style.height = "100%";
    shadow.replaceChildren(parent);
    view.current = new EditorView({ state, parent, root: shadow });
    handle.current = {
      jump: (offset) => {
        const v = view.current;
        if (!v) return;
        const at = Math.min(offset, v.state.doc.length);
        v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "start", yMargin: 24 }) });
        v.focus();
      },
      text: () => view.current?.state.doc.toString() ?? "",
    };
    return () => {
      view.current?.destroy();
      view.current = null;
      handle.current = null;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newly opened file replaces the text, not each keystroke's echo
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== source) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source } });
  }, [loaded]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly)]) });
  }, [readOnly]);

  useEffect(() => {
    view.current?.dispatch({ effects: labels.current.reconfigure(contentAttributes(t.studio.editor, t.studio.editorHint)) });
  }, [t]);

  return <div class="studio-editor" ref={host} data-testid="scenario-editor" />;
}
