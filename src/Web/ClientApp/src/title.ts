import { useEffect } from "preact/hooks";

/**
 * The browser tab's title for this page and its state, so each has its own (a facilitator tells the
 * console from the projector in two tabs, and a screen reader announces where it is).
 */
export function useTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} · RegioLab.Sim` : "RegioLab.Sim";
  }, [title]);
}
