// The app's places, as hash URLs, so back/forward (history) work between views and the last view
// can be remembered: the world, a region, a site, a plan of a site, the training matrix, readiness reviews, the settings.

export type Route =
  | { view: "dashboard"; region: string | null }
  | { view: "site"; site: string }
  | { view: "plan"; site: string; plan: string }
  | { view: "settings" }
  | { view: "training" }
  | { view: "reviews" }
  | { view: "exercises" }
  | { view: "review"; id: number };

export const HOME: Route = { view: "dashboard", region: null };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter((p) => p.length > 0)
    .map((p) => decodeURIComponent(p));
  if (parts[0] === "settings") return { view: "settings" };
  if (parts[0] === "training") return { view: "training" };
  if (parts[0] === "reviews") return { view: "reviews" };
  if (parts[0] === "exercises") return { view: "exercises" };
  if (parts[0] === "review" && parts[1] && /^\d+$/.test(parts[1])) return { view: "review", id: Number(parts[1]) };
  if (parts[0] === "region" && parts[1]) return { view: "dashboard", region: parts[1] };
  if (parts[0] === "site" && parts[1]) {
    if (parts[2] === "plan" && parts[3]) return { view: "plan", site: parts[1], plan: parts[3] };
    return { view: "site", site: parts[1] };
  }
  return HOME;
}

export function routeHash(route: Route): string {
  const e = encodeURIComponent;
  switch (route.view) {
    case "dashboard":
      return route.region ? `#/region/${e(route.region)}` : "#/";
    case "site":
      return `#/site/${e(route.site)}`;
    case "plan":
      return `#/site/${e(route.site)}/plan/${e(route.plan)}`;
    case "settings":
      return "#/settings";
    case "training":
      return "#/training";
    case "reviews":
      return "#/reviews";
    case "exercises":
      return "#/exercises";
    case "review":
      return `#/review/${route.id}`;
  }
}

/** Where Esc goes from a view: a plan goes to its site, a site to the world. */
export function parentRoute(route: Route): Route | null {
  switch (route.view) {
    case "plan":
      return { view: "site", site: route.site };
    case "site":
    case "settings":
    case "training":
    case "reviews":
    case "exercises":
      return HOME;
    case "review":
      return { view: "reviews" };
    case "dashboard":
      return route.region ? HOME : null;
  }
}
