// Words and numbers as the views print them: band labels, dates, durations, local times.
import type { Status } from "../bindings/Status";
import type { Currency } from "../bindings/Currency";
import type { PlanStatus } from "../bindings/PlanStatus";
import type { Severity } from "../bindings/Severity";
import type { Outcome } from "../bindings/Outcome";

export const BANDS: readonly Status[] = ["not_ready", "at_risk", "ready"];

export const BAND_LABELS: Record<Status, string> = {
  not_ready: "Not ready",
  at_risk: "At risk",
  ready: "Ready",
};

export const CURRENCY_LABELS: Record<Currency, string> = {
  expired: "Expired",
  missing: "Missing",
  expiring: "Expiring soon",
  current: "Current",
};

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  retired: "Retired",
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  passed: "Passed",
  passed_with_findings: "Passed with findings",
  failed: "Failed",
};

/** Today in the machine's own time zone, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** "in 12 days", "today", "3 days ago". */
export function relativeDays(from: string, to: string): string {
  const n = daysBetween(from, to);
  if (n === 0) return "today";
  if (n === 1) return "tomorrow";
  if (n === -1) return "yesterday";
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

/** The time now at a site, from its IANA zone: "14:05 (Asia/Tokyo)". Unknown zones say so. */
export function localTime(timeZone: string, now: Date = new Date()): string {
  try {
    const time = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    }).format(now);
    return time;
  } catch {
    return `unknown time zone ${timeZone}`;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

export function tierLabel(tier: number): string {
  return `Tier ${tier}`;
}

export function runbookFileName(target: string): string {
  return `${target}-runbook.pdf`;
}

export function cardsFileName(site: string): string {
  return `${site}-role-cards.pdf`;
}

export function reviewFileName(asOf: string): string {
  return `readiness-review-${asOf}.pdf`;
}

export function describeExport(e: { path: string; pages: number; bytes: number }): string {
  const kb = Math.max(1, Math.ceil(e.bytes / 1024));
  return `Wrote ${e.path} (${plural(e.pages, "page")}, ${kb.toLocaleString("en")} KB).`;
}

/** An enum value for people: "loss_of_it" → "Loss of IT", "full_interruption" → "Full interruption". */
export function words(value: string): string {
  const text = value
    .split("_")
    .map((w) => (w === "it" ? "IT" : w === "bcp" ? "BCP" : w))
    .join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The date a review falls due: `last` + `months` (YYYY-MM-DD), or null if never reviewed. */
export function reviewDue(last: string | null, months: number): string | null {
  if (!last) return null;
  const [y, m, d] = last.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}
