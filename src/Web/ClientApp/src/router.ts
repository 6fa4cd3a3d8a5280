import { useEffect, useState } from "preact/hooks";

// Path routes without a library: the server answers every unknown path with index.html.

export type Route =
  | { page: "start" }
  | { page: "join"; code: string }
  | { page: "play"; code: string }
  | { page: "facilitator"; workshopId: string }
  | { page: "projector"; code: string }
  | { page: "debrief"; workshopId: string }
  | { page: "debrief_report"; workshopId: string }
  | { page: "studio" }
  | { page: "not_found" };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (!first) return { page: "start" };
  if (first === "debrief" && second && rest.length === 1 && rest[0] === "report") return { page: "debrief_report", workshopId: second };
  if (rest.length > 0) return { page: "not_found" };
  switch (first) {
    case "join":
      return second ? { page: "join", code: second.toUpperCase() } : { page: "start" };
    case "play":
      return second ? { page: "play", code: second.toUpperCase() } : { page: "start" };
    case "facilitator":
      return second ? { page: "facilitator", workshopId: second } : { page: "start" };
    case "projector":
      return second ? { page: "projector", code: second.toUpperCase() } : { page: "start" };
    case "debrief":
      return second ? { page: "debrief", workshopId: second } : { page: "start" };
    case "studio":
      return second ? { page: "not_found" } : { page: "studio" };
    default:
      return { page: "not_found" };
  }
}

const changed = "regiolab:navigate";

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new Event(changed));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener("popstate", update);
    window.addEventListener(changed, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(changed, update);
    };
  }, []);
  return route;
}

/** A click on an in-app link: navigate without reloading (unless a modifier asks for a new tab). */
export function followLink(event: MouseEvent, path: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
