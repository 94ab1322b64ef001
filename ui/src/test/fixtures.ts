// Small typed fixtures for the component tests, shaped by the generated bindings.
import type { Dashboard } from "../bindings/Dashboard";
import type { SiteCard } from "../bindings/SiteCard";
import type { Group } from "../bindings/Group";

export function card(over: Partial<SiteCard> & Pick<SiteCard, "id">): SiteCard {
  return {
    name: over.id,
    city: "City",
    country: "XX",
    region: "emea",
    region_name: "EMEA",
    latitude: 48.1,
    longitude: 11.6,
    tier: 1,
    headcount: 100,
    plans: 2,
    people: 10,
    score: 90,
    status: "ready",
    status_reason: "Every component is at least 80.",
    top_reason: null,
    blockers: 0,
    ...over,
  };
}

function group(name: string, region: string | null): Group {
  const zero = { ready: 0, at_risk: 0, not_ready: 0 };
  return {
    region,
    name,
    sites: 0,
    counts: zero,
    headcount: zero,
    criticality: zero,
    average_score: 0,
    weighted_score: 0,
    top_gaps: [],
  };
}

export function dashboard(sites: SiteCard[]): Dashboard {
  return {
    as_of: "2026-12-02",
    portfolio: "Test Corp",
    regions: [
      { id: "emea", name: "EMEA" },
      { id: "apac", name: "Asia Pacific" },
    ],
    sites,
    rollup: {
      worldwide: {
        ...group("Worldwide", null),
        top_gaps: [
          {
            code: "training_expired",
            component: "training",
            label: "Expired training",
            sites: 2,
            headcount: 300,
            impact: 12,
            site_ids: ["tokyo", "munich"],
          },
        ],
      },
      regions: [group("EMEA", "emea"), group("Asia Pacific", "apac")],
    },
  };
}

export const SITES: SiteCard[] = [
  card({ id: "munich", name: "München", city: "München", country: "DE", status: "at_risk", score: 72, top_reason: "Plan review overdue" }),
  card({ id: "london", name: "London", country: "GB", latitude: 51.5, longitude: -0.1 }),
  card({
    id: "tokyo",
    name: "東京",
    city: "Tokyo",
    country: "JP",
    region: "apac",
    region_name: "Asia Pacific",
    latitude: 35.7,
    longitude: 139.7,
    status: "not_ready",
    score: 40,
    tier: 2,
    headcount: 900,
  }),
  card({ id: "singapore", name: "Singapore", country: "SG", region: "apac", region_name: "Asia Pacific", latitude: 1.29, longitude: 103.85, tier: 2 }),
];
