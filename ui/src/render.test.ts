import { beforeEach, describe, expect, it } from "vitest";
import { SiteListView, summarize } from "./render";
import { site } from "./fixtures";

function setup() {
  document.body.innerHTML = `<span data-testid="site-count"></span><main id="app"></main>`;
  const root = document.getElementById("app") as HTMLElement;
  const count = document.querySelector("[data-testid=site-count]") as HTMLElement;
  return { root, count, view: new SiteListView(root, count) };
}

const sites = [
  site({ id: "tyo", name: "東京", country: "JP", region: "APAC", region_name: "Asia Pacific", headcount: 2400, tier: 1 }),
  site({ id: "muc", name: "München", headcount: 1200 }),
  site({ id: "ber", name: "Berlin", headcount: 300, plans: 2, people: 41 }),
];

const rowIds = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>("[data-testid=site-row]")].map((r) => r.dataset.siteId);

describe("SiteListView", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("shows a loading state first", () => {
    const { root, count, view } = setup();
    view.set({ status: "loading" });
    expect(root.dataset.state).toBe("loading");
    expect(root.querySelector("[data-testid=loading]")).not.toBeNull();
    expect(count.hidden).toBe(true);
  });

  it("renders one row per site, grouped by region, with the count in the header", () => {
    const { root, count, view } = setup();
    view.showSites(sites);
    expect(root.dataset.state).toBe("ready");
    expect(count.textContent).toBe("3 sites");
    expect(count.dataset.count).toBe("3");
    const groups = [...root.querySelectorAll<HTMLElement>("[data-testid=region-group]")];
    expect(groups.map((g) => g.dataset.region)).toEqual(["APAC", "EMEA"]);
    expect(rowIds(root)).toEqual(["tyo", "ber", "muc"]);
    const berlin = root.querySelector("[data-site-id=ber]") as HTMLElement;
    const cells = [...berlin.querySelectorAll("td")].map((td) => td.textContent);
    // Grouped, the region is in the group header rather than in a column.
    expect(cells).toEqual(["Berlin", "Berlin", "Germany", "Tier 2", "300", "2", "41", "…", ""]);
    const headers = [...root.querySelectorAll("thead th")].map((th) => th.textContent?.replace(/[▲▼]/g, ""));
    expect(headers).toEqual(["Site", "City", "Country", "Tier", "Headcount", "Plans", "People", "Readiness", "Top reason"]);
    const groupHeader = root.querySelector("[data-region=EMEA] .group-row")?.textContent;
    expect(groupHeader).toBe("Europe, Middle East & Africa2 sites · 1,500 headcount");
  });

  it("shows the region as a column when not grouped", () => {
    const { root, view } = setup();
    view.showSites(sites);
    const toggle = root.querySelector("[data-testid=group-toggle]") as HTMLInputElement;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    const cells = [...(root.querySelector("[data-site-id=tyo]") as HTMLElement).querySelectorAll("td")];
    expect(cells.map((td) => td.textContent)).toEqual(["東京", "東京", "Japan", "Asia Pacific", "Tier 1", "2,400", "1", "10", "…", ""]);
    expect(root.querySelectorAll("thead th")).toHaveLength(10);
  });

  it("escapes names instead of parsing them as markup", () => {
    const { root, view } = setup();
    view.showSites([site({ id: "x", name: "<img src=x onerror=alert(1)>" })]);
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("[data-testid=site-name]")?.textContent).toBe("<img src=x onerror=alert(1)>");
  });

  it("sorts when a column header is clicked and flips on a second click", () => {
    const { root, view } = setup();
    view.showSites(sites);
    const toggle = root.querySelector("[data-testid=group-toggle]") as HTMLInputElement;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    expect(root.querySelector("[data-testid=region-group]")).toBeNull();
    expect(rowIds(root)).toEqual(["ber", "muc", "tyo"]);

    const header = () => root.querySelector("[data-sort-key=headcount]") as HTMLButtonElement;
    header().click();
    expect(rowIds(root)).toEqual(["tyo", "muc", "ber"]);
    expect(header().closest("th")?.getAttribute("aria-sort")).toBe("descending");
    header().click();
    expect(rowIds(root)).toEqual(["ber", "muc", "tyo"]);
    expect(header().closest("th")?.getAttribute("aria-sort")).toBe("ascending");
  });

  it("shows an empty state for no sites", () => {
    const { root, count, view } = setup();
    view.showSites([]);
    expect(root.querySelector("[data-testid=empty-state]")).not.toBeNull();
    expect(root.querySelector("table")).toBeNull();
    expect(count.textContent).toBe("No sites");
    expect(count.dataset.count).toBe("0");
  });

  it("shows the error code and message", () => {
    const { root, count, view } = setup();
    view.showError({ code: "database", message: "database disk image is malformed" });
    const error = root.querySelector("[data-testid=error]") as HTMLElement;
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.dataset.errorCode).toBe("database");
    expect(error.querySelector("[data-testid=error-code]")?.textContent).toBe("database");
    expect(error.querySelector("[data-testid=error-message]")?.textContent).toBe("database disk image is malformed");
    expect(count.hidden).toBe(true);
  });
});

describe("summarize", () => {
  it("counts sites, regions and headcount", () => {
    expect(summarize(sites)).toBe("3 sites in 2 regions · 3,900 headcount");
  });
});
