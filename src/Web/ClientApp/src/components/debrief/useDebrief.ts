import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { apiProblem, getWithBearer } from "../../api";
import { useLanguage } from "../../i18n";
import type { DebriefMoment, Headline, WorkshopDebrief } from "../../protocol";
import { facilitatorKey } from "../../storage";

// The debrief's REST calls carry the facilitator key as a Bearer header (docs/protocol.md); the key
// is the one the console keeps for this workshop on this device, or the one typed into the KeyForm.
const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/debrief`;

/** While a table plays, the debrief is fetched again this often (ms). */
const followEvery = 10_000;

/** The observer key of an observer link (`/debrief/{id}#observer=KEY`), kept for this tab; the fragment is cleared from the address bar. */
function observerKey(workshopId: string): string | null {
  const name = `regiolab.observer.${workshopId}`;
  const found = /[#&]observer=([^&]+)/.exec(location.hash);
  try {
    if (found?.[1]) {
      const key = decodeURIComponent(found[1]);
      sessionStorage.setItem(name, key);
      history.replaceState(history.state, "", location.pathname + location.search);
      return key;
    }
    return sessionStorage.getItem(name);
  } catch {
    return found?.[1] ? decodeURIComponent(found[1]) : null;
  }
}

export interface Debrief {
  key: string | null;
  /** The key is an observer's (the observer link): read every table and pin notes, nothing else. */
  observer: boolean;
  /** Why the key did not open the debrief, in the page's language. */
  keyRefusal: string | null;
  enterKey: (key: string) => void;
  debrief: WorkshopDebrief | null;
  /** Why the debrief could not be loaded (not a key problem). */
  problem: string | null;
  reload: () => void;
  /** One table at one version; null until asked. */
  fetchMoment: (table: number, version: number) => Promise<DebriefMoment | null>;
}

/** The workshop's debrief, fetched with the facilitator key; a refused key asks for another. */
export function useDebrief(workshopId: string): Debrief {
  const { lang, t } = useLanguage();
  const [observer] = useState(() => observerKey(workshopId));
  const [key, setKey] = useState<string | null>(() => observer ?? facilitatorKey.get(workshopId));
  const [keyRefusal, setKeyRefusal] = useState<string | null>(null);
  const [debrief, setDebrief] = useState<WorkshopDebrief | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  // The language only words a refusal (a switch need not fetch again); `generation` asks for a fresh copy.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!key) return;
    let current = true;
    void getWithBearer<WorkshopDebrief>(base(workshopId), key).then((result) => {
      if (!current) return;
      if (result.ok) {
        if (key !== observer) facilitatorKey.set(workshopId, key);
        setDebrief(result.value);
        setProblem(null);
      } else if (result.status === 401 || result.status === 403) {
        setKeyRefusal(apiProblem(result, t, lang));
        setKey(null);
      } else {
        setProblem(apiProblem(result, t, lang));
      }
    });
    return () => {
      current = false;
    };
  }, [key, workshopId, generation]);

  const enterKey = useCallback((entered: string) => {
    setKeyRefusal(null);
    setKey(entered);
  }, []);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // While a table still plays the debrief follows it (an observer follows the room from here): a fresh copy
  // every little while, only while the page is in sight.
  const playing = debrief?.tables.some((table) => table.flow.stage !== "ended") ?? false;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") reload();
    }, followEvery);
    return () => clearInterval(timer);
  }, [playing, reload]);

  const fetchMoment = useCallback(
    async (table: number, version: number) => {
      if (!key) return null;
      const result = await getWithBearer<DebriefMoment>(`${base(workshopId)}/tables/${table}/at/${version}`, key);
      return result.ok ? result.value : null;
    },
    [key, workshopId],
  );

  return { key, observer: key !== null && key === observer, keyRefusal, enterKey, debrief, problem, reload, fetchMoment };
}

/**
 * The moment shown for the scrubber's version: asks for the newest version wanted once the
 * dragging pauses (`delay` ms), one request at a time, and after each answer again if the
 * scrubber moved on meanwhile; answers for an older wish are shown on the way (playback stays smooth).
 */
export function useMoment(fetchMoment: Debrief["fetchMoment"], table: number | null, version: number | null, delay = 150): DebriefMoment | null {
  const [moment, setMoment] = useState<DebriefMoment | null>(null);
  const wanted = useRef<{ table: number; version: number } | null>(null);
  const busy = useRef(false);

  const pump = useCallback(async () => {
    if (busy.current) return;
    while (wanted.current) {
      const asked = wanted.current;
      busy.current = true;
      const answer = await fetchMoment(asked.table, asked.version);
      busy.current = false;
      if (answer && wanted.current?.table === asked.table) setMoment(answer);
      if (wanted.current === asked) wanted.current = null;
    }
  }, [fetchMoment]);

  useEffect(() => {
    if (table === null || version === null) return;
    wanted.current = { table, version };
    const timer = setTimeout(() => void pump(), delay);
    return () => clearTimeout(timer);
  }, [table, version, delay, pump]);

  return moment;
}

/** Every round's whole story (as the facilitator read it), for naming the direct actions in the decisions table. */
export function useRoundStories(fetchMoment: Debrief["fetchMoment"], table: number | null, ends: Map<number, number>): Headline[] {
  const [headlines, setHeadlines] = useState<Headline[]>([]);
  const versions = [...ends.values()].join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `versions` stands for `ends`, which is a new Map on every render
  useEffect(() => {
    if (table === null) return;
    let current = true;
    void Promise.all([...ends.values()].map((v) => fetchMoment(table, v))).then((moments) => {
      if (current) setHeadlines(moments.flatMap((m) => m?.story ?? []));
    });
    return () => {
      current = false;
    };
  }, [fetchMoment, table, versions]);
  return headlines;
}
