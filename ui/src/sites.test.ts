import { describe, expect, it } from "vitest";
import { site } from "./fixtures";
import {
  countryName,
  formatCount,
  formatSiteCount,
  formatTier,
  groupByRegion,
  nextSort,
  sortSites,
  toAppError,
} from "./sites";

const tokyo = site({ id: "tyo", name: "東京", city: "東京", country: "JP", region: "APAC", region_name: "Asia Pacific", tier: 1, headcount: 2400 });
const saoPaulo = site({ id: "sao", name: "São Paulo", country: "BR", region: "AMER", region_name: "Americas", headcount: 850 });
const munich = site({ id: "muc", name: "München", headcount: 1200 });
const berlin = site({ id: "ber", name: "Berlin", headcount: 300, tier: 3 });
const all = [tokyo, saoPaulo, munich, berlin];

describe("toAppError", () => {
  it("keeps the shell's { code, message }", () => {
    expect(toAppError({ code: "not_found", message: "site \"x\" not found" })).toEqual({
      code: "not_found",
      message: "site \"x\" not found",
    });
  });
  it("wraps strings, Errors and anything else as internal", () => {
    expect(toAppError("boom")).toEqual({ code: "internal", message: "boom" });
    expect(toAppError(new TypeError("no ipc"))).toEqual({ code: "internal", message: "no ipc" });
    expect(toAppError(undefined).code).toBe("internal");
    expect(toAppError({ code: 3, message: "x" }).code).toBe("internal");
  });
});

describe("formatting", () => {
  it("formats counts with separators", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(0)).toBe("0");
  });
  it("pluralises the site count", () => {
    expect(formatSiteCount(0)).toBe("No sites");
    expect(formatSiteCount(1)).toBe("1 site");
    expect(formatSiteCount(1800)).toBe("1,800 sites");
  });
  it("names tiers and countries", () => {
    expect(formatTier(1)).toBe("Tier 1");
    expect(countryName("JP")).toBe("Japan");
    expect(countryName("br")).toBe("Brazil");
    expect(countryName("Atlantis")).toBe("Atlantis");
  });
});

describe("sorting", () => {
  it("sorts names with the locale collator, not by code point", () => {
    const names = sortSites([munich, berlin, saoPaulo], { key: "name", dir: "asc" }).map((s) => s.name);
    expect(names).toEqual(["Berlin", "München", "São Paulo"]);
  });
  it("sorts numbers and breaks ties by name", () => {
    const byTier = sortSites(all, { key: "tier", dir: "asc" }).map((s) => s.id);
    expect(byTier).toEqual(["tyo", "muc", "sao", "ber"]);
    const byHeadcount = sortSites(all, { key: "headcount", dir: "desc" }).map((s) => s.id);
    expect(byHeadcount).toEqual(["tyo", "muc", "sao", "ber"]);
  });
  it("does not mutate its input", () => {
    const input = [munich, berlin];
    sortSites(input, { key: "name", dir: "asc" });
    expect(input).toEqual([munich, berlin]);
  });
  it("flips the direction of the same column and starts numbers descending", () => {
    expect(nextSort({ key: "name", dir: "asc" }, "name")).toEqual({ key: "name", dir: "desc" });
    expect(nextSort({ key: "name", dir: "asc" }, "city")).toEqual({ key: "city", dir: "asc" });
    expect(nextSort({ key: "name", dir: "asc" }, "people")).toEqual({ key: "people", dir: "desc" });
  });
});

describe("groupByRegion", () => {
  it("orders groups by region name and sorts inside each group", () => {
    const groups = groupByRegion(all, { key: "name", dir: "asc" });
    expect(groups.map((g) => g.regionName)).toEqual(["Americas", "Asia Pacific", "Europe, Middle East & Africa"]);
    expect(groups[2]?.sites.map((s) => s.name)).toEqual(["Berlin", "München"]);
    expect(groups[2]?.headcount).toBe(1500);
  });
  it("reverses the groups when sorting by region descending", () => {
    const groups = groupByRegion(all, { key: "region", dir: "desc" });
    expect(groups.map((g) => g.region)).toEqual(["EMEA", "APAC", "AMER"]);
  });
  it("returns no groups for no sites", () => {
    expect(groupByRegion([], { key: "name", dir: "asc" })).toEqual([]);
  });
});
