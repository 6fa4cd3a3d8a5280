import { useLanguage } from "../../i18n";
import type { DefinedId } from "../../studio";

/** The file's roles, actions and dilemmas as links: each puts the editor's cursor on its item. */
export function Outline({ items, onJump }: { items: DefinedId[]; onJump: (offset: number) => void }) {
  const { t } = useLanguage();
  if (items.length === 0) return null;
  return (
    <nav class="studio-outline" aria-labelledby="studio-outline-heading">
      <details open>
        <summary id="studio-outline-heading">{t.studio.outline}</summary>
        <ul>
          {items.map((item) => (
            <li key={`${item.kind}:${item.id}:${item.offset}`}>
              <a
                href={`#line-${item.line}`}
                onClick={(e) => {
                  e.preventDefault();
                  onJump(item.offset);
                }}
              >
                <span class="studio-outline__kind">{t.studio.outlineKinds[item.kind] ?? item.kind}</span> {item.id}
                {item.label && <span class="muted"> · {item.label}</span>}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
