import { describe, expect, it } from "vitest";
import { HOME, parentRoute, parseRoute, routeHash } from "./routes";
import { applyFilters, byUrgency, countBands, toggle } from "./filters";
import { DEFAULT_PREFS, loadPrefs, savePrefs } from "./prefs";
import { addDays, daysBetween, isDate, localTime, reviewDue, words } from "./format";
import { ERROR_LABELS, toAppError } from "./errors";
import { SITES } from "../test/fixtures";

describe("routes", () => {
  it("round-trips every view, including non-ASCII ids", () => {
    for (const r of [
      HOME,
      { view: "dashboard", region: "emea" } as const,
      { view: "site", site: "são-paulo" } as const,
      { view: "plan", site: "tokyo", plan: "tokyo-bcp" } as const,
    ]) {
      expect(parseRoute(routeHash(r))).toEqual(r);
    }
  });
  it("falls back to the world for anything unknown", () => {
    expect(parseRoute("#/nonsense/1")).toEqual(HOME);
    expect(parseRoute("")).toEqual(HOME);
  });
  it("Esc goes up: plan → site → world", () => {
    expect(parentRoute({ view: "plan", site: "tokyo", plan: "p" })).toEqual({ view: "site", site: "tokyo" });
    expect(parentRoute({ view: "site", site: "tokyo" })).toEqual(HOME);
    expect(parentRoute(HOME)).toBeNull();
  });
});

describe("filters", () => {
  it("narrow by region, band and tier together", () => {
    expect(applyFilters(SITES, { region: "apac", bands: [], tiers: [] }).map((s) => s.id)).toEqual(["tokyo", "singapore"]);
    expect(applyFilters(SITES, { region: null, bands: ["ready"], tiers: [2] }).map((s) => s.id)).toEqual(["singapore"]);
    expect(applyFilters(SITES, { region: "emea", bands: ["not_ready"], tiers: [] })).toEqual([]);
  });
  it("count sites and headcount per band", () => {
    const c = countBands(SITES);
    expect(c.sites).toEqual({ not_ready: 1, at_risk: 1, ready: 2 });
    expect(c.headcount.not_ready).toBe(900);
  });
  it("sort the most urgent first", () => {
    expect([...SITES].sort(byUrgency).map((s) => s.id)).toEqual(["tokyo", "munich", "london", "singapore"]);
  });
  it("toggle adds and removes", () => {
    expect(toggle([1, 2], 2)).toEqual([1]);
    expect(toggle([1], 2)).toEqual([1, 2]);
  });
});

describe("prefs", () => {
  it("remember the view, filters and theme", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    savePrefs({ hash: "#/site/tokyo", filters: { region: "apac", bands: ["ready"], tiers: [1] }, theme: "dark" }, storage);
    expect(loadPrefs(storage)).toEqual({ hash: "#/site/tokyo", filters: { region: "apac", bands: ["ready"], tiers: [1] }, theme: "dark" });
  });
  it("ignore damaged or foreign values", () => {
    expect(loadPrefs({ getItem: () => "{not json" })).toEqual(DEFAULT_PREFS);
    const odd = JSON.stringify({ hash: "javascript:alert(1)", filters: { bands: ["purple"], tiers: ["x"] }, theme: "neon" });
    expect(loadPrefs({ getItem: () => odd })).toEqual(DEFAULT_PREFS);
  });
});

describe("format", () => {
  it("checks real calendar dates", () => {
    expect(isDate("2026-02-28")).toBe(true);
    expect(isDate("2026-02-30")).toBe(false);
    expect(isDate("02/03/2026")).toBe(false);
  });
  it("counts and adds days", () => {
    expect(daysBetween("2026-12-02", "2027-01-01")).toBe(30);
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
  });
  it("puts the review due date at the end of short months", () => {
    expect(reviewDue("2026-01-31", 1)).toBe("2026-02-28");
    expect(reviewDue("2025-06-01", 12)).toBe("2026-06-01");
    expect(reviewDue(null, 12)).toBeNull();
  });
  it("tells the local time of a zone, and says when a zone is unknown", () => {
    const noonUtc = new Date(Date.UTC(2026, 11, 2, 12, 0));
    expect(localTime("Asia/Tokyo", noonUtc)).toContain("21:00");
    expect(localTime("Mars/Olympus", noonUtc)).toContain("unknown time zone");
  });
  it("turns enum values into words", () => {
    expect(words("loss_of_it")).toBe("Loss of IT");
    expect(words("full_interruption")).toBe("Full interruption");
  });
});

describe("errors", () => {
  it("keeps a known code and the problems of a refused import", () => {
    const e = toAppError({ code: "validation", message: "2 problems", problems: [{ path: "a.json", line: 3, column: 1, message: "x" }] });
    expect(e.code).toBe("validation");
    expect(e.problems?.[0]?.line).toBe(3);
  });
  it("turns anything else into internal", () => {
    expect(toAppError("boom")).toEqual({ code: "internal", message: "boom" });
    expect(toAppError({ code: "martian", message: "?" }).code).toBe("internal");
  });
  it("has a label for every code", () => {
    expect(Object.keys(ERROR_LABELS).sort()).toEqual(["conflict", "database", "font", "internal", "io", "not_found", "validation"]);
  });
});
