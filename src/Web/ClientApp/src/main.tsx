import { render } from "preact";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { LazyStudioPage } from "./components/studio/LazyStudioPage";
import { useFocusKeeper } from "./focus";
import { dictionaries, LanguageContext, type LanguageState, storedLanguage, storeLanguage } from "./i18n";
import { DebriefPage } from "./pages/DebriefPage";
import { DebriefReportPage } from "./pages/DebriefReportPage";
import { FacilitatorPage } from "./pages/FacilitatorPage";
import { JoinPage } from "./pages/JoinPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PlayPage } from "./pages/PlayPage";
import { ProjectorPage } from "./pages/ProjectorPage";
import { StartPage } from "./pages/StartPage";
import type { Language } from "./protocol";
import { useRoute } from "./router";
import "./styles.css";

function App() {
  const route = useRoute();
  useFocusKeeper();
  const [chosen, setChosen] = useState<Language | null>(storedLanguage);
  const [suggested, setSuggested] = useState<Language | null>(null);
  const lang: Language = chosen ?? suggested ?? "nl";

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const choose = useCallback((next: Language) => {
    storeLanguage(next);
    setChosen(next);
  }, []);

  const language = useMemo<LanguageState>(() => ({ lang, t: dictionaries[lang], choose, suggest: setSuggested }), [lang, choose]);

  return (
    <LanguageContext.Provider value={language}>
      {route.page === "start" && <StartPage />}
      {route.page === "join" && <JoinPage code={route.code} />}
      {route.page === "play" && <PlayPage key={route.code} code={route.code} />}
      {route.page === "facilitator" && <FacilitatorPage key={route.workshopId} workshopId={route.workshopId} />}
      {route.page === "projector" && <ProjectorPage key={route.code} code={route.code} />}
      {route.page === "debrief" && <DebriefPage key={route.workshopId} workshopId={route.workshopId} />}
      {route.page === "debrief_report" && <DebriefReportPage key={route.workshopId} workshopId={route.workshopId} />}
      {route.page === "studio" && <LazyStudioPage />}
      {route.page === "not_found" && <NotFoundPage />}
    </LanguageContext.Provider>
  );
}

const root = document.getElementById("app");
if (root) render(<App />, root);
