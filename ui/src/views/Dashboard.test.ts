import { describe, expect, it, vi } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import Dashboard from "./Dashboard.svelte";
import { SITES, dashboard } from "../test/fixtures";
import { NO_FILTERS } from "../lib/filters";

function setup(filters = NO_FILTERS) {
  const onopen = vi.fn();
  const onregion = vi.fn();
  const onfilters = vi.fn();
  const utils = render(Dashboard, {
    props: {
      dashboard: dashboard(SITES),
      outlook: {
        as_of: "2026-12-02",
        days: 90,
        drops: [
          {
            site_id: "munich",
            site_name: "München",
            region: "emea",
            drop: { date: "2027-01-20", from: "at_risk", to: "not_ready", score: 55 },
            why: ["2027-01-20: Crisis Leadership training of Anna Weber expires"],
          },
        ],
      },
      filters,
      onopen,
      onregion,
      onfilters,
    },
  });
  return { ...utils, onopen, onregion, onfilters };
}

describe("Dashboard", () => {
  it("shows one marker and one row per site, coloured by band", () => {
    setup();
    expect(screen.getByTestId("map-markers").dataset.count).toBe("4");
    const markers = window.continuumMap!.markers();
    expect(markers.map((m) => m.site).sort()).toEqual(["london", "munich", "singapore", "tokyo"]);
    expect(markers.find((m) => m.site === "tokyo")?.status).toBe("not_ready");
    expect(screen.getAllByTestId("site-row").map((r) => r.dataset.site)).toEqual(["tokyo", "munich", "london", "singapore"]);
  });

  it("narrows map, counts and list to a region", () => {
    const { container } = setup({ region: "apac", bands: [], tiers: [] });
    expect(container.querySelector("[data-testid=map-markers]")?.getAttribute("data-count")).toBe("2");
    expect(screen.getAllByTestId("site-row").map((r) => r.dataset.site)).toEqual(["tokyo", "singapore"]);
    expect(screen.getByTestId("band-count-not_ready").dataset.count).toBe("1");
    expect(screen.getByTestId("band-count-at_risk").dataset.count).toBe("0");
  });

  it("opens a site from its marker and from its row (Enter)", async () => {
    const { container, onopen } = setup();
    const london = window.continuumMap!.markers().find((m) => m.site === "london")!;
    const map = container.querySelector("[data-testid=world-map] svg")!;
    await fireEvent.pointerMove(map, { clientX: london.x, clientY: london.y });
    expect(screen.getByTestId("map-tip").dataset.site).toBe("london");
    expect(screen.getByTestId("map-tip").textContent).toContain("score");
    await fireEvent.click(map, { clientX: london.x + 200, clientY: london.y + 200 });
    expect(onopen).not.toHaveBeenCalled();
    await fireEvent.click(map, { clientX: london.x, clientY: london.y });
    expect(onopen).toHaveBeenLastCalledWith("london");
    await fireEvent.keyDown(screen.getAllByTestId("site-row")[0]!, { key: "Enter" });
    expect(onopen).toHaveBeenLastCalledWith("tokyo");
  });

  it("lists coming band drops within the chosen horizon", async () => {
    setup();
    expect(screen.getByTestId("outlook").textContent).toContain("München");
    await fireEvent.click(screen.getByTestId("horizon-30"));
    expect(screen.getByTestId("outlook").textContent).not.toContain("München");
    expect(screen.getByTestId("outlook").textContent).toContain("No site drops a band in the next 30 days");
  });

  it("asks for a region from the selector and toggles band filters", async () => {
    const { onregion, onfilters } = setup();
    await fireEvent.change(screen.getByTestId("region-filter"), { target: { value: "emea" } });
    expect(onregion).toHaveBeenCalledWith("emea");
    await fireEvent.click(screen.getByTestId("band-filter-ready"));
    expect(onfilters).toHaveBeenCalledWith({ region: null, bands: ["ready"], tiers: [] });
  });
});
