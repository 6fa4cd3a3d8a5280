import { TopBar } from "../components/Chrome";
import { useLanguage } from "../i18n";
import { followLink } from "../router";
import { useTitle } from "../title";

export function NotFoundPage() {
  const { t } = useLanguage();
  useTitle(t.pageTitle.notFound);
  return (
    <>
      <TopBar />
      <main class="page page--narrow" id="main">
        <h1>{t.notFound}</h1>
        <p>
          <a href="/" onClick={(e) => followLink(e, "/")}>
            {t.home}
          </a>
        </p>
      </main>
    </>
  );
}
