import { useLanguage } from "../i18n";
import type { StoryLine } from "../story";

/** The round told as sentences: who did what, and how the shared numbers moved. */
export function RoundStory({ lines, newestFirst = false, limit }: { lines: StoryLine[]; newestFirst?: boolean; limit?: number | undefined }) {
  const { t } = useLanguage();
  const ordered = newestFirst ? [...lines].reverse() : lines;
  const shown = limit === undefined ? ordered : ordered.slice(0, limit);
  if (shown.length === 0) return <p class="muted">{t.play.nothingYet}</p>;
  return (
    <ol class="story">
      {shown.map((line) => (
        <li key={line.version} class={line.minor ? "story__line story__line--minor" : "story__line"}>
          <span>{line.text}</span>
          {line.changes.length > 0 && (
            <ul class="chips" aria-label={t.headline.moved}>
              {line.changes.map((c) => (
                <li key={c.key} class={`chip${c.better === true ? " chip--better" : c.better === false ? " chip--worse" : ""}`}>
                  {c.better !== null && (
                    <span class="chip__mark" aria-hidden="true">
                      {c.better ? "▲ " : "▼ "}
                    </span>
                  )}
                  {c.label} {c.delta}
                  {c.better !== null && <span class="visually-hidden"> ({c.better ? t.play.better : t.play.worse})</span>}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
