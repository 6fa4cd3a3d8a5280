import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Feedback } from "./components/Chrome";

const refusalLifetimeMs = 20000;

/**
 * The answers shown next to controls, by control key. A refusal fades after a while (the live
 * region has already announced it), so an old "that did not work" never sits beside a control
 * whose situation has changed; a confirmation ("saved") stays.
 */
export function useFeedback() {
  const [feedback, setAll] = useState<Record<string, Feedback>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const clear = useCallback((key: string) => {
    const timer = timers.current.get(key);
    if (timer) clearTimeout(timer);
    timers.current.delete(key);
    setAll(({ [key]: _, ...rest }) => rest);
  }, []);

  /** Shows an answer beside a control; a refusal fades, and so does a confirmation that would go stale (`fades`). */
  const show = useCallback(
    (key: string, value: Feedback, fades: boolean = value.kind !== "done") => {
      const timer = timers.current.get(key);
      if (timer) clearTimeout(timer);
      timers.current.delete(key);
      setAll((all) => ({ ...all, [key]: value }));
      if (fades)
        timers.current.set(
          key,
          setTimeout(() => clear(key), refusalLifetimeMs),
        );
    },
    [clear],
  );

  useEffect(
    () => () => {
      for (const timer of timers.current.values()) clearTimeout(timer);
    },
    [],
  );

  return { feedback, show, clear };
}
