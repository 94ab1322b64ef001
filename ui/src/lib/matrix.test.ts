import { describe, expect, it } from "vitest";
import type { TrainingMatrix } from "../bindings/TrainingMatrix";
import { NO_FILTER, cellState, tally, visibleRows, windowOf } from "./matrix";

const MATRIX: TrainingMatrix = {
  as_of: "2026-12-02",
  expiring_days: 60,
  courses: [
    { id: "cl", name: "Crisis leadership", validity_months: 24, required_for: ["ic"] },
    { id: "fa", name: "First aid", validity_months: 36, required_for: [] },
  ],
  sites: { tokyo: "Tokyo", paris: "Paris" },
  roles: { ic: "Incident Commander" },
  rows: [
    { person: "a", name: "Ana", site: "tokyo", active: true, roles: ["ic"], cells: "X-", completed: ["2023-01-01", null], urgency: 1000 },
    { person: "b", name: "Ben", site: "paris", active: true, roles: ["ic"], cells: "Mc", completed: [null, "2026-01-01"], urgency: 100 },
    { person: "c", name: "Cy", site: "paris", active: true, roles: [], cells: "--", completed: [null, null], urgency: 0 },
  ],
};

describe("training matrix", () => {
  it("reads cell letters: upper case required, lower case kept for the record", () => {
    expect(cellState("X")).toEqual({ state: "expired", required: true });
    expect(cellState("c")).toEqual({ state: "current", required: false });
    expect(cellState("M")).toEqual({ state: "missing", required: true });
    expect(cellState("-")).toEqual({ state: "none", required: false });
  });
  it("filters by role, course and gaps, and sorts", () => {
    expect(visibleRows(MATRIX, { ...NO_FILTER, role: "ic" }).map((r) => r.person)).toEqual(["a", "b"]);
    expect(visibleRows(MATRIX, { ...NO_FILTER, course: "fa" }).map((r) => r.person)).toEqual(["b"]);
    expect(visibleRows(MATRIX, { ...NO_FILTER, gapsOnly: true }).map((r) => r.person)).toEqual(["a", "b"]);
    expect(visibleRows(MATRIX, { ...NO_FILTER, sort: "site" }).map((r) => r.person)).toEqual(["b", "c", "a"]);
    expect(visibleRows(MATRIX, { ...NO_FILTER, text: "cy" }).map((r) => r.person)).toEqual(["c"]);
  });
  it("counts required cells by state", () => {
    expect(tally(MATRIX.rows)).toEqual({ expired: 1, missing: 1, expiring: 0, current: 0 });
  });
  it("draws only the rows in view, whatever the total", () => {
    expect(windowOf(100_000, 34, 0, 600)).toEqual({ start: 0, end: 26 });
    const deep = windowOf(100_000, 34, 34 * 50_000, 600);
    expect(deep.start).toBe(49_992);
    expect(deep.end - deep.start).toBeLessThan(40);
    expect(windowOf(10, 34, 0, 600)).toEqual({ start: 0, end: 10 });
  });
});
