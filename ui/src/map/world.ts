// The world map's geometry: Natural Earth country shapes (world-atlas, 1:110m, TopoJSON, the copy
// committed beside this file) projected with d3-geo. Nothing is fetched: it is part of the bundle.
import { geoNaturalEarth1, geoPath, type GeoProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { FeatureCollection, Geometry } from "geojson";
import atlas from "./countries-110m.json";

const topology = atlas as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

let countries: FeatureCollection<Geometry> | null = null;

/** The country shapes, decoded once. */
export function countryShapes(): FeatureCollection<Geometry> {
  countries ??= feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  return countries;
}

export interface Projected {
  projection: GeoProjection;
  /** One SVG path per country. */
  paths: { id: string; d: string }[];
}

const projected = new Map<string, Projected>();

/** The map drawn into a `width` × `height` box, projected once per size (not on every mount). */
export function projectWorld(width: number, height: number): Projected {
  const key = `${width}x${height}`;
  let done = projected.get(key);
  if (!done) {
    done = project(width, height);
    projected.set(key, done);
  }
  return done;
}

function project(width: number, height: number): Projected {
  const shapes = countryShapes();
  const projection = geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: "Sphere" },
  );
  const path = geoPath(projection);
  const paths = shapes.features.map((f, i) => ({
    id: String(f.id ?? i),
    d: path(f) ?? "",
  }));
  return { projection, paths };
}

/** The largest marker's radius (map units, at zoom 1). */
export const MAX_MARKER_RADIUS = 16;

/** Marker radius for a headcount: area grows with people, within readable bounds. */
export function markerRadius(headcount: number): number {
  return Math.max(4, Math.min(MAX_MARKER_RADIUS, 2.5 + Math.sqrt(Math.max(0, headcount)) / 4));
}

/** The zoom (scale k, translation x, y) that frames the given points in a `width` × `height` box. */
export function frame(
  points: readonly [number, number][],
  width: number,
  height: number,
  maxScale = 8,
): { k: number; x: number; y: number } {
  if (points.length === 0) return { k: 1, x: 0, y: 0 };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 60;
  const k = Math.max(
    1,
    Math.min(maxScale, Math.min(width / (x1 - x0 + 2 * pad), height / (y1 - y0 + 2 * pad))),
  );
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { k, x: width / 2 - k * cx, y: height / 2 - k * cy };
}
