// Test data shared by the unit tests (not part of the app bundle: nothing imports it outside tests).
import type { SiteSummary } from "./sites";
import type { Reason, SiteReadiness } from "./readiness";

export function site(over: Partial<SiteSummary> & Pick<SiteSummary, "id" | "name">): SiteSummary {
  return {
    country: "DE",
    region: "EMEA",
    region_name: "Europe, Middle East & Africa",
    city: over.name,
    latitude: 0,
    longitude: 0,
    tier: 2,
    headcount: 100,
    plans: 1,
    people: 10,
    ...over,
  };
}

export function readiness(
  over: Partial<SiteReadiness> & Pick<SiteReadiness, "site_id" | "score" | "status">,
): SiteReadiness {
  return {
    site_name: over.site_id,
    region: "EMEA",
    region_name: "Europe, Middle East & Africa",
    tier: 2,
    headcount: 100,
    as_of: "2026-11-25",
    status_reason: "Every component scores at least 80",
    components: [],
    reasons: [],
    blockers: [],
    ...over,
  };
}

export function reason(over: Partial<Reason> & Pick<Reason, "code" | "message">): Reason {
  return { component: "plans", severity: "medium", points: 10, impact: 2, ...over };
}
