import { beforeEach, describe, expect, it, vi } from "vitest";
import { SiteListView } from "./render";
import { reason, readiness, site } from "./fixtures";

const sites = [
  site({ id: "tokyo", name: "東京", country: "JP", region: "APAC", region_name: "Asia Pacific", tier: 1 }),
  site({ id: "dubai", name: "Dubai" }),
  site({ id: "london", name: "London" }),
];

const expired = reason({
  component: "training",
  code: "training_expired",
  message: "Crisis management: expired for tyo-002 (2026-09-30)",
  points: 25,
});
const blocker = reason({
  component: "plans",
  code: "no_approved_plan",
  message: "Dubai has no approved plan",
  severity: "blocker",
  points: 100,
});

const assessed = [
  readiness({
    site_id: "tokyo",
    score: 90,
    status: "at_risk",
    status_reason: "Training scores 75, below the 80 every component needs to be ready",
    components: [
      { name: "plans", label: "Plans", score: 100, weight: 20, reasons: [] },
      { name: "training", label: "Training", score: 75, weight: 15, reasons: [expired] },
    ],
    reasons: [expired],
  }),
  readiness({ site_id: "dubai", score: 80, status: "not_ready", reasons: [blocker], blockers: [blocker] }),
  readiness({ site_id: "london", score: 100, status: "ready" }),
];

function setup() {
  document.body.innerHTML = `<div data-testid="band-summary" hidden></div><span data-testid="site-count"></span><main id="app"></main>`;
  const root = document.getElementById("app") as HTMLElement;
  const count = document.querySelector("[data-testid=site-count]") as HTMLElement;
  const bands = document.querySelector("[data-testid=band-summary]") as HTMLElement;
  const actions = { exportRunbook: vi.fn(), exportCards: vi.fn() };
  const view = new SiteListView(root, count, bands, actions);
  view.showSites(sites);
  return { root, bands, view, actions };
}

const row = (root: HTMLElement, id: string) => root.querySelector(`[data-testid=site-row][data-site-id=${id}]`) as HTMLElement;

describe("readiness in the site list", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("shows a placeholder until readiness arrives, and no band summary", () => {
    const { root, bands } = setup();
    expect(root.querySelectorAll("[data-testid=status-pill]")).toHaveLength(0);
    expect(row(root, "tokyo").querySelector(".readiness")?.textContent).toBe("…");
    expect(bands.hidden).toBe(true);
  });

  it("adds score, coloured pill and top reason to each row", () => {
    const { root, view } = setup();
    view.showReadiness(assessed);
    const tokyo = row(root, "tokyo");
    expect(tokyo.dataset.status).toBe("at_risk");
    expect(tokyo.querySelector("[data-testid=site-score]")?.textContent).toBe("90");
    const pill = tokyo.querySelector("[data-testid=status-pill]") as HTMLElement;
    expect(pill.textContent).toBe("At risk");
    expect(pill.className).toBe("pill pill-at-risk");
    expect(tokyo.querySelector("[data-testid=top-reason]")?.textContent).toBe(expired.message);
    expect(row(root, "dubai").querySelector("[data-testid=top-reason]")?.textContent).toBe("Dubai has no approved plan");
    expect(row(root, "london").querySelector("[data-testid=top-reason]")?.textContent).toBe("No gaps");
    const statuses = [...root.querySelectorAll<HTMLElement>("[data-testid=status-pill]")].map((p) => p.dataset.status);
    expect(statuses.sort()).toEqual(["at_risk", "not_ready", "ready"]);
  });

  it("counts the bands in the header, worst first", () => {
    const { bands, view } = setup();
    view.showReadiness(assessed);
    expect(bands.hidden).toBe(false);
    const counts = [...bands.querySelectorAll<HTMLElement>("[data-testid=band-count]")];
    expect(counts.map((c) => [c.dataset.status, c.dataset.count, c.textContent])).toEqual([
      ["not_ready", "1", "1 not ready"],
      ["at_risk", "1", "1 at risk"],
      ["ready", "1", "1 ready"],
    ]);
  });

  it("shows why readiness failed without losing the list", () => {
    const { root, view } = setup();
    view.showReadinessError({ code: "database", message: "disk I/O error" });
    expect(root.querySelector("[data-testid=readiness-error]")?.textContent).toContain("disk I/O error");
    expect(root.querySelectorAll("[data-testid=site-row]")).toHaveLength(3);
  });
});

describe("the detail panel", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("opens on a click with the band, its reason and every component's reasons in words", () => {
    const { root, view } = setup();
    view.showReadiness(assessed);
    expect(root.querySelector("[data-testid=site-detail]")).toBeNull();
    row(root, "tokyo").click();
    const panel = root.querySelector("[data-testid=site-detail]") as HTMLElement;
    expect(panel.dataset.siteId).toBe("tokyo");
    expect(row(root, "tokyo").classList.contains("selected")).toBe(true);
    expect(panel.querySelector("[data-testid=detail-name]")?.textContent).toBe("東京");
    expect(panel.querySelector("[data-testid=detail-score]")?.textContent).toBe("90");
    expect(panel.querySelector("[data-testid=status-reason]")?.textContent).toContain("Training scores 75");
    const components = [...panel.querySelectorAll<HTMLElement>("[data-testid=component]")];
    expect(components.map((c) => c.dataset.component)).toEqual(["plans", "training"]);
    expect(components[0]?.textContent).toContain("No gaps");
    expect(components[1]?.querySelector("[data-testid=component-score]")?.textContent).toBe("75");
    const reasons = [...panel.querySelectorAll<HTMLElement>("[data-testid=reason]")];
    expect(reasons.map((r) => r.textContent)).toEqual([`−25${expired.message}`]);
    expect(panel.querySelector("[data-testid=blockers]")).toBeNull();
  });

  it("lists blockers first for a site that is not ready", () => {
    const { root, view } = setup();
    view.showReadiness(assessed);
    row(root, "dubai").click();
    const blockers = root.querySelector("[data-testid=blockers]") as HTMLElement;
    expect(blockers.textContent).toContain("Dubai has no approved plan");
  });

  it("calls the export actions with the site id, and closes", () => {
    const { root, view, actions } = setup();
    view.showReadiness(assessed);
    row(root, "tokyo").click();
    (root.querySelector("[data-testid=export-runbook]") as HTMLButtonElement).click();
    (root.querySelector("[data-testid=export-cards]") as HTMLButtonElement).click();
    expect(actions.exportRunbook).toHaveBeenCalledWith("tokyo");
    expect(actions.exportCards).toHaveBeenCalledWith("tokyo");
    (root.querySelector("[data-testid=detail-close]") as HTMLButtonElement).click();
    expect(root.querySelector("[data-testid=site-detail]")).toBeNull();
  });

  it("shows the export outcome in the panel and disables the buttons while busy", () => {
    const { root, view } = setup();
    view.showReadiness(assessed);
    row(root, "tokyo").click();
    view.notify({ kind: "busy", text: "Writing /tmp/tokyo-runbook.pdf…" });
    expect((root.querySelector("[data-testid=export-runbook]") as HTMLButtonElement).disabled).toBe(true);
    view.notify({ kind: "error", text: "[io] /tmp: permission denied" });
    const status = root.querySelector("[data-testid=site-detail] [data-testid=export-status]") as HTMLElement;
    expect(status.dataset.kind).toBe("error");
    expect(status.getAttribute("role")).toBe("alert");
    expect((root.querySelector("[data-testid=export-runbook]") as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows a review export's outcome above the list when no panel is open", () => {
    const { root, view } = setup();
    view.showReadiness(assessed);
    view.notify({ kind: "done", text: "Wrote /tmp/r.pdf (3 pages, 40 KB)." });
    expect(root.querySelector("[data-testid=export-status]")?.textContent).toBe("Wrote /tmp/r.pdf (3 pages, 40 KB).");
  });
});
