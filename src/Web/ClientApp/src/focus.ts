import { useEffect } from "preact/hooks";

/** The parts of a page the focus is kept in when a control takes it with it. */
const parts = "section, article, form, main";

/**
 * Keeps keyboard and screen-reader users in their place: when a control takes the focus with it
 * (it disables itself while a command is under way, or goes once used — a vote's buttons, "Start"),
 * the focus moves to the part of the page it was in, or to the page's main content, instead of
 * falling to the page's body; a control that is usable again gets it back.
 */
export function useFocusKeeper() {
  useEffect(() => {
    const onFocusOut = (event: FocusEvent) => {
      const lost = event.target;
      if (!(lost instanceof HTMLElement) || event.relatedTarget) return;
      // Remembered now: the control may be gone, or usable again, by the time the focus is found lost.
      const part = lost.closest(parts);
      const taken = isDisabled(lost);
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const usable = lost.isConnected && !isDisabled(lost);
        // A click on the page's background blurs a control that is still there and usable: leave that alone.
        if (usable && !taken) return;
        // It disabled itself and is usable again already (its command was answered before the page showed
        // what changed): the focus goes back to it, and moves on if the change disables it for good.
        if (usable) {
          lost.focus({ preventScroll: true });
          return;
        }
        const target = part?.isConnected ? part : document.getElementById("main");
        if (!(target instanceof HTMLElement)) return;
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
        if (lost.isConnected) giveBackWhenUsable(lost, target);
      }, 0);
    };
    document.addEventListener("focusout", onFocusOut);
    return () => document.removeEventListener("focusout", onFocusOut);
  }, []);
}

/** How long a control that disabled itself may take to be usable again and get the focus back (ms). */
const giveBackWithin = 15_000;

/**
 * A control that disabled itself while its command is under way ("Volgende fase") gets the focus back from
 * the part of the page that held it when it is usable again, so Enter works again without Tabbing back —
 * unless the focus moved on meanwhile (to another control, or to an answer shown beside it).
 */
function giveBackWhenUsable(control: HTMLElement, holder: HTMLElement) {
  const watch = new MutationObserver(() => {
    if (document.activeElement !== holder || !control.isConnected) {
      stop();
      return;
    }
    if (!isDisabled(control)) {
      stop();
      control.focus({ preventScroll: true });
    }
  });
  const timer = setTimeout(() => stop(), giveBackWithin);
  function stop() {
    watch.disconnect();
    clearTimeout(timer);
  }
  watch.observe(control, { attributes: true, attributeFilter: ["disabled"] });
}

/** A control that cannot be used now (a disabled button, input, select or fieldset's control). */
const isDisabled = (element: HTMLElement) => (element as HTMLButtonElement).disabled === true;

/** Whether the focus is nowhere, or on a part of the page that holds `element` (so an answer beside a control may take it). */
export function focusIsLostAround(element: HTMLElement): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active !== element && active.contains(element) && active.matches(parts));
}
