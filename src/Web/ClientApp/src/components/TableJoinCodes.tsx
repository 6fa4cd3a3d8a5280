import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { useLanguage } from "../i18n";
import type { SeatingMode } from "../protocol";

/** The link that seats a player at one table (when players pick their table). */
export function tableJoinUrl(url: string, table: number): string {
  return `${url}?table=${table}`;
}

/** One table's QR code and link. */
function TableCode({ code, url, table, size }: { code: string; url: string; table: number; size: "small" | "large" }) {
  const { t } = useLanguage();
  const link = tableJoinUrl(url, table);
  return (
    <figure class={`table-code table-code--${size}`}>
      <img class="table-code__qr" src={api.qrUrl(code, table)} alt={t.seating.qrFor(table)} />
      <figcaption>
        <strong>{t.table(table)}</strong>
        <br />
        <a href={link}>{link.replace(/^https?:\/\//, "")}</a>
      </figcaption>
    </figure>
  );
}

/**
 * When players pick their table: a QR code and link per table (`/join/CODE?table=N`). Without
 * `seating` it asks the server how the workshop seats players, and shows nothing when it spreads them.
 * `only` shows one table (the console's seat roster); otherwise every table (the projector's lobby).
 */
export function TableJoinCodes({
  code,
  url,
  tables,
  seating,
  only,
  size = "large",
}: {
  code: string;
  url: string;
  tables?: number;
  seating?: SeatingMode;
  only?: number;
  size?: "small" | "large";
}) {
  const { t } = useLanguage();
  const [asked, setAsked] = useState<{ seating: SeatingMode; tables: number } | null>(null);
  useEffect(() => {
    if (seating) return;
    void api.joinInfo(code).then((result) => {
      if (result.ok) setAsked({ seating: result.value.seating, tables: result.value.tables });
    });
  }, [code, seating]);
  const mode = seating ?? asked?.seating;
  const count = tables ?? asked?.tables ?? 0;
  if (mode !== "pick") return null;
  if (only !== undefined) return <TableCode code={code} url={url} table={only} size="small" />;
  return (
    <section class="table-codes" aria-labelledby="table-codes-heading">
      <h2 id="table-codes-heading">{t.seating.codesHeading}</h2>
      <div class="table-codes__grid">
        {Array.from({ length: count }, (_, i) => i + 1).map((table) => (
          <TableCode key={table} code={code} url={url} table={table} size={size} />
        ))}
      </div>
    </section>
  );
}
