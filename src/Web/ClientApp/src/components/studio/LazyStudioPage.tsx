import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useLanguage } from "../../i18n";

/** The studio with its editor (CodeMirror, the YAML parser, the schema) loads only when opened: players' phones never fetch it. */
export function LazyStudioPage() {
  const { t } = useLanguage();
  const [page, setPage] = useState<ComponentType | null>(null);
  useEffect(() => {
    void import("../../pages/StudioPage").then((m) => setPage(() => m.StudioPage));
  }, []);
  const Page = page;
  return Page ? (
    <Page />
  ) : (
    <main class="page" id="main">
      <p class="muted">{t.loading}</p>
    </main>
  );
}
