// The map's site markers as plain data: where each is drawn on the canvas, and which one the
// pointer is over. The map draws every marker on one <canvas> (one redraw per zoom step,
// whatever the portfolio's size) instead of one SVG element per site, so hit-testing is ours:
// a quadtree (d3-quadtree) of the marker centres finds the few near the pointer.
import { quadtree, type Quadtree } from "d3-quadtree";
import type { GeoProjection } from "d3-geo";
import type { SiteCard } from "../bindings/SiteCard";
import { markerRadius, MAX_MARKER_RADIUS } from "./world";

/** A site's marker, in the map's own units (the SVG viewBox), at zoom 1. */
export interface Marker {
  site: SiteCard;
  x: number;
  y: number;
  r: number;
  /** Drawing order: a later marker is drawn over an earlier one. */
  order: number;
}

/** How the map is shown: the zoom (scale k, translation x, y, in map units) and the pixels per map unit. */
export interface View {
  k: number;
  x: number;
  y: number;
  scale: number;
}

/** The markers of `sites`, big ones first so that small ones are drawn on top and stay clickable. */
export function layoutMarkers(sites: readonly SiteCard[], projection: GeoProjection): Marker[] {
  const list: Marker[] = [];
  for (const site of sites) {
    const p = projection([site.longitude, site.latitude]);
    if (p) list.push({ site, x: p[0], y: p[1], r: markerRadius(site.headcount), order: 0 });
  }
  list.sort((a, b) => b.r - a.r);
  list.forEach((m, i) => (m.order = i));
  return list;
}

export function markerIndex(markers: readonly Marker[]): Quadtree<Marker> {
  return quadtree<Marker>()
    .x((m) => m.x)
    .y((m) => m.y)
    .addAll(markers as Marker[]);
}

/** A marker's radius in map units at zoom k: markers grow with the zoom, but more slowly. */
export function radiusAt(m: Marker, k: number): number {
  return m.r / Math.sqrt(k);
}

/** Where a marker is drawn, in CSS pixels from the map's top left corner. */
export function onScreen(m: Marker, v: View): { x: number; y: number; r: number } {
  return { x: (v.x + v.k * m.x) * v.scale, y: (v.y + v.k * m.y) * v.scale, r: radiusAt(m, v.k) * v.k * v.scale };
}

/** The marker under a point (CSS pixels from the map's top left corner): the topmost one drawn there. */
export function markerAt(tree: Quadtree<Marker>, v: View, px: number, py: number): Marker | null {
  const x = (px / v.scale - v.x) / v.k;
  const y = (py / v.scale - v.y) / v.k;
  const reach = MAX_MARKER_RADIUS / Math.sqrt(v.k);
  let best: Marker | null = null;
  tree.visit((node, x0, y0, x1, y1) => {
    if (!node.length) {
      for (let leaf: typeof node | undefined = node; leaf; leaf = leaf.next) {
        const m = leaf.data;
        const r = radiusAt(m, v.k);
        if ((m.x - x) ** 2 + (m.y - y) ** 2 <= r * r && (!best || m.order > best.order)) best = m;
      }
    }
    // Skip quadrants farther than the largest marker's radius.
    return x0 > x + reach || x1 < x - reach || y0 > y + reach || y1 < y - reach;
  });
  return best;
}
