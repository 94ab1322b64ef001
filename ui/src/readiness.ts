// Plain data and pure functions behind readiness in the UI: what the `readiness` command returns
// (docs/readiness.md), band labels and counts, the top reason of a site, and default file names
// for the PDF exports. No DOM here, so it is all unit-tested without a window.

export type Status = "ready" | "at_risk" | "not_ready";

/** One reason that cost a component points; mirrors `continuum_core::readiness::Reason`. */
export interface Reason {
  component: string;
  code: string;
  severity: string;
  message: string;
  points: number;
  impact: number;
  plan_id?: string | null;
  due?: string | null;
}

export interface Component {
  name: string;
  label: string;
  score: number;
  weight: number;
  reasons: Reason[];
}

/** One element of the `readiness` array (the same JSON as `continuum readiness --json`). */
export interface SiteReadiness {
  site_id: string;
  site_name: string;
  region: string;
  region_name: string;
  tier: number;
  headcount: number;
  as_of: string;
  score: number;
  status: Status;
  status_reason: string;
  components: Component[];
  reasons: Reason[];
  blockers: Reason[];
}

/** Worst band first: the order of the header summary. */
export const STATUSES: readonly Status[] = ["not_ready", "at_risk", "ready"];

const LABELS: Record<Status, string> = {
  ready: "Ready",
  at_risk: "At risk",
  not_ready: "Not ready",
};

/** "at_risk" -> "At risk"; an unknown band is shown as given. */
export function statusLabel(status: string): string {
  return LABELS[status as Status] ?? status;
}

export type BandCounts = Record<Status, number>;

export function countBands(sites: readonly SiteReadiness[]): BandCounts {
  const counts: BandCounts = { ready: 0, at_risk: 0, not_ready: 0 };
  for (const s of sites) if (s.status in counts) counts[s.status] += 1;
  return counts;
}

/** The reason that matters most: the first blocker, else the costliest reason, else none. */
export function topReason(site: SiteReadiness): Reason | null {
  return site.blockers[0] ?? site.reasons[0] ?? null;
}

/** "No gaps" when nothing cost the site a point. */
export function topReasonText(site: SiteReadiness): string {
  return topReason(site)?.message ?? "No gaps";
}

/** Readiness keyed by site id, for the rows of the site list. */
export function bySite(sites: readonly SiteReadiness[]): Map<string, SiteReadiness> {
  return new Map(sites.map((s) => [s.site_id, s]));
}

/** "−45" for the points a reason cost. */
export function formatPoints(points: number): string {
  return points > 0 ? `−${points}` : "0";
}

/** What a component says in words: "No gaps" or "2 reasons". */
export function componentSummary(component: Component): string {
  const n = component.reasons.length;
  if (n === 0) return "No gaps";
  return `${n} ${n === 1 ? "reason" : "reasons"}`;
}

/** Default file names offered by the save dialog, as the CLI names them. */
export function runbookFileName(siteId: string): string {
  return `${siteId}-runbook.pdf`;
}

export function cardsFileName(siteId: string): string {
  return `${siteId}-cards.pdf`;
}

export function reviewFileName(asOf: string): string {
  return `readiness-review-${asOf}.pdf`;
}

/** What an export command returns. */
export interface Exported {
  path: string;
  pages: number;
  bytes: number;
}

/** "Wrote /home/me/tokyo-runbook.pdf (12 pages, 96 KB)." */
export function describeExport(e: Exported): string {
  const kb = Math.max(1, Math.ceil(e.bytes / 1024));
  return `Wrote ${e.path} (${e.pages} ${e.pages === 1 ? "page" : "pages"}, ${kb} KB).`;
}
