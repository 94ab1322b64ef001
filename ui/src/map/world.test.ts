import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { countryShapes, frame, markerRadius, projectWorld } from "./world";

describe("world map", () => {
  it("is the world-atlas package's own 1:110m data (the one copy the documents crate reads too)", () => {
    const committed = readFileSync(resolve(__dirname, "countries-110m.json"), "utf8");
    const pkg = readFileSync(resolve(__dirname, "../../node_modules/world-atlas/countries-110m.json"), "utf8");
    expect(committed).toBe(pkg);
  });
  it("has country shapes and projects sites inside the box", () => {
    expect(countryShapes().features.length).toBeGreaterThan(150);
    const { projection, paths } = projectWorld(960, 500);
    expect(paths.every((p) => p.d.length > 0 || p.id)).toBe(true);
    // Singapore has no shape at 1:110m, but its point projects inside the map.
    const [x, y] = projection([103.85, 1.29])!;
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(960);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(500);
  });
  it("sizes markers by headcount within bounds", () => {
    expect(markerRadius(0)).toBe(4);
    expect(markerRadius(900)).toBeGreaterThan(markerRadius(100));
    expect(markerRadius(1e9)).toBe(16);
  });
  it("frames a region's points and never zooms out past the world", () => {
    const f = frame([[700, 200], [760, 260]], 960, 500);
    expect(f.k).toBeGreaterThan(1);
    // The centre of the points lands at the centre of the box.
    expect(f.k * 730 + f.x).toBeCloseTo(480);
    expect(f.k * 230 + f.y).toBeCloseTo(250);
    expect(frame([], 960, 500)).toEqual({ k: 1, x: 0, y: 0 });
  });
});
