// Test data shared by the unit tests (not part of the app bundle: nothing imports it outside tests).
import type { SiteSummary } from "./sites";

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
