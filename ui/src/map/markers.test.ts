import { describe, expect, it } from "vitest";
import { projectWorld } from "./world";
import { layoutMarkers, markerAt, markerIndex, onScreen, type View } from "./markers";
import { SITES } from "../test/fixtures";

const world = projectWorld(960, 500);
const at = (k: number, x = 0, y = 0, scale = 1): View => ({ k, x, y, scale });

describe("map markers", () => {
  it("lays out one marker per site, big ones first", () => {
    const markers = layoutMarkers(SITES, world.projection);
    expect(markers).toHaveLength(SITES.length);
    for (let i = 1; i < markers.length; i++) expect(markers[i - 1]!.r).toBeGreaterThanOrEqual(markers[i]!.r);
    expect(markers.map((m) => m.order)).toEqual(markers.map((_, i) => i));
  });

  it("finds the marker under a point, at any zoom and size", () => {
    const markers = layoutMarkers(SITES, world.projection);
    const tree = markerIndex(markers);
    for (const view of [at(1), at(4, -1200, -300), at(1, 0, 0, 1.5)]) {
      for (const m of markers) {
        const p = onScreen(m, view);
        expect(markerAt(tree, view, p.x, p.y)?.site.id).toBe(m.site.id);
        expect(markerAt(tree, view, p.x + p.r * 0.7, p.y)?.site.id).toBe(m.site.id);
      }
      expect(markerAt(tree, view, 5, 495 * view.scale)).toBeNull();
    }
  });

  it("prefers the marker drawn on top where two overlap", () => {
    const base = SITES[0]!;
    const big = { ...base, id: "big", headcount: 5000 };
    const small = { ...base, id: "small", headcount: 10 };
    const markers = layoutMarkers([small, big], world.projection);
    expect(markers.map((m) => m.site.id)).toEqual(["big", "small"]);
    const tree = markerIndex(markers);
    const p = onScreen(markers[1]!, at(1));
    expect(markerAt(tree, at(1), p.x, p.y)?.site.id).toBe("small");
    // Beyond the small one's radius, inside the big one's.
    expect(markerAt(tree, at(1), p.x + markers[1]!.r + 2, p.y)?.site.id).toBe("big");
  });
});
