// Plain data and pure functions behind the site list: what the `list_sites` command returns, how
// errors from the shell look, and how rows are sorted, grouped and formatted. No DOM here, so it is
// all unit-tested without a window.

/** One row of `list_sites`; mirrors `continuum_core::SiteSummary` (serde field names). */
export interface SiteSummary {
  id: string;
  name: string;
  country: string;
  region: string;
  region_name: string;
  city: string;
  latitude: number;
  longitude: number;
  tier: number;
  headcount: number;
  plans: number;
  people: number;
}

/** Error as the shell serialises it: `{ code, message }`. */
export interface AppError {
  /** Stable machine-readable code: "validation", "not_found", "conflict", "io", "database", "internal". */
  code: string;
  /** Human-readable explanation, shown as is. */
  message: string;
}

/** Turns whatever a rejected `invoke` gave us into an {@link AppError}. */
export function toAppError(err: unknown): AppError {
  if (typeof err === "object" && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown };
    if (typeof code === "string" && typeof message === "string") {
      return { code, message };
    }
    if (err instanceof Error) {
      return { code: "internal", message: err.message };
    }
  }
  if (typeof err === "string") {
    return { code: "internal", message: err };
  }
  return { code: "internal", message: `unexpected error: ${String(err)}` };
}

export type SortKey = "name" | "city" | "country" | "region" | "tier" | "headcount" | "plans" | "people";
export type SortDir = "asc" | "desc";

export interface SortState {
  key: SortKey;
  dir: SortDir;
}

export interface RegionGroup {
  region: string;
  regionName: string;
  sites: SiteSummary[];
  headcount: number;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

let regionNames: Intl.DisplayNames | null = null;
function countryNames(): Intl.DisplayNames | null {
  if (regionNames === null && typeof Intl.DisplayNames === "function") {
    regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  }
  return regionNames;
}

/** "JP" -> "Japan"; anything that is not a two-letter code is shown as given. */
export function countryName(country: string): string {
  if (!/^[A-Za-z]{2}$/.test(country)) return country;
  try {
    return countryNames()?.of(country.toUpperCase()) ?? country;
  } catch {
    return country;
  }
}

/** 12345 -> "12,345". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** 1 -> "Tier 1". */
export function formatTier(tier: number): string {
  return `Tier ${tier}`;
}

/** "18 sites", "1 site", "No sites". */
export function formatSiteCount(n: number): string {
  if (n === 0) return "No sites";
  return `${formatCount(n)} ${n === 1 ? "site" : "sites"}`;
}

function compareBy(key: SortKey, a: SiteSummary, b: SiteSummary): number {
  switch (key) {
    case "name":
      return collator.compare(a.name, b.name);
    case "city":
      return collator.compare(a.city, b.city);
    case "country":
      return collator.compare(countryName(a.country), countryName(b.country));
    case "region":
      return collator.compare(a.region_name, b.region_name);
    case "tier":
    case "headcount":
    case "plans":
    case "people":
      return a[key] - b[key];
  }
}

/** A sorted copy; ties fall back to the site name, then the id, so the order is stable. */
export function sortSites(sites: readonly SiteSummary[], sort: SortState): SiteSummary[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...sites].sort(
    (a, b) =>
      sign * compareBy(sort.key, a, b) ||
      collator.compare(a.name, b.name) ||
      collator.compare(a.id, b.id),
  );
}

/** Groups by region (groups ordered by region name), each group sorted by `sort`. */
export function groupByRegion(sites: readonly SiteSummary[], sort: SortState): RegionGroup[] {
  const groups = new Map<string, RegionGroup>();
  for (const site of sites) {
    let group = groups.get(site.region);
    if (!group) {
      group = { region: site.region, regionName: site.region_name || site.region, sites: [], headcount: 0 };
      groups.set(site.region, group);
    }
    group.sites.push(site);
    group.headcount += site.headcount;
  }
  const ordered = [...groups.values()].sort(
    (a, b) => collator.compare(a.regionName, b.regionName) || collator.compare(a.region, b.region),
  );
  if (sort.key === "region" && sort.dir === "desc") ordered.reverse();
  for (const group of ordered) group.sites = sortSites(group.sites, sort);
  return ordered;
}

/** Clicking a column: the same column flips direction, a new one starts ascending (numbers: descending). */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  const numeric = key === "headcount" || key === "plans" || key === "people";
  return { key, dir: numeric ? "desc" : "asc" };
}
