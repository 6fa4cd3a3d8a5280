import { useLayoutEffect, useState } from "preact/hooks";

/** The page runs below the screen (the projector's live tables). */
const pageRunsBelow = () => document.documentElement.scrollHeight > window.innerHeight;

/**
 * How much fits a projector: 0 shows everything, and each step up shows less (what each step leaves out
 * is the caller's: a headline fewer, goals as a count…) — never smaller text. Steps up while
 * `overflowing()` says the content runs off the screen, up to `most`; starts over when `told` (what is
 * shown) or `layout` changes, or the window does.
 */
export function useFitStep(told: number | string, layout: string, most: number, overflowing: () => boolean = pageRunsBelow): number {
  const [size, setSize] = useState(() => `${window.innerWidth}x${window.innerHeight}`);
  useLayoutEffect(() => {
    const onResize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  // The step belongs to what was on the screen: new content or a new window size starts at 0 in the same render.
  const key = `${told}|${layout}|${size}`;
  const [fit, setFit] = useState({ key, step: 0 });
  const step = fit.key === key ? fit.step : 0;
  useLayoutEffect(() => {
    if (step < most && overflowing()) setFit({ key, step: step + 1 });
  });
  return step;
}
