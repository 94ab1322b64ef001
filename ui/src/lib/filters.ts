// The dashboard's filters (region, band, tier, text) as plain functions of the site cards, so
// the map, the counts and the list always agree and the logic is tested without a window.
import type { SiteCard } from "../bindings/SiteCard";
import type { Status } from "../bindings/Status";

export interface Filters {
  region: string | null;
  bands: Status[];
  tiers: number[];
}

export const NO_FILTERS: Filters = { region: null, bands: [], tiers: [] };

export function applyFilters(sites: readonly SiteCard[], f: Filters): SiteCard[] {
  return sites.filter(
    (s) =>
      (f.region === null || s.region === f.region) &&
      (f.bands.length === 0 || f.bands.includes(s.status)) &&
      (f.tiers.length === 0 || f.tiers.includes(s.tier)),
  );
}

export interface BandCount {
  sites: Record<Status, number>;
  headcount: Record<Status, number>;
}

export function countBands(sites: readonly SiteCard[]): BandCount {
  const zero = (): Record<Status, number> => ({ not_ready: 0, at_risk: 0, ready: 0 });
  const out = { sites: zero(), headcount: zero() };
  for (const s of sites) {
    out.sites[s.status] += 1;
    out.headcount[s.status] += s.headcount;
  }
  return out;
}

/** Worst first: not ready, then at risk, then ready; lower score first within a band. */
export function byUrgency(a: SiteCard, b: SiteCard): number {
  const rank: Record<Status, number> = { not_ready: 0, at_risk: 1, ready: 2 };
  return rank[a.status] - rank[b.status] || a.score - b.score || a.name.localeCompare(b.name);
}

export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
