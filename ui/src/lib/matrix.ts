// The training matrix in the window: the core sends every row once (one letter per cell, most
// urgent first); filtering, sorting and the visible slice are worked out here, so scrolling
// 100,000 people never asks the core again.
import type { MatrixRow } from "../bindings/MatrixRow";
import type { TrainingMatrix } from "../bindings/TrainingMatrix";

export type CellState = "current" | "expiring" | "expired" | "missing" | "none";

/** What a cell letter means, and whether one of the person's roles requires the course. */
export function cellState(letter: string): { state: CellState; required: boolean } {
  const required = letter !== "-" && letter === letter.toUpperCase();
  switch (letter.toUpperCase()) {
    case "C":
      return { state: "current", required };
    case "E":
      return { state: "expiring", required };
    case "X":
      return { state: "expired", required };
    case "M":
      return { state: "missing", required: true };
    default:
      return { state: "none", required: false };
  }
}

export const CELL_LABELS: Record<CellState, string> = {
  current: "Current",
  expiring: "Expiring soon",
  expired: "Expired",
  missing: "Missing",
  none: "Not required",
};

export type MatrixSort = "urgency" | "name" | "site";

export interface MatrixFilter {
  role: string | null;
  course: string | null;
  text: string;
  /** Only rows with something to do (required and expired, missing or expiring). */
  gapsOnly: boolean;
  sort: MatrixSort;
}

export const NO_FILTER: MatrixFilter = { role: null, course: null, text: "", gapsOnly: false, sort: "urgency" };

/** The rows to show, in order. */
export function visibleRows(matrix: TrainingMatrix, f: MatrixFilter): MatrixRow[] {
  const course = f.course === null ? -1 : matrix.courses.findIndex((c) => c.id === f.course);
  const text = f.text.trim().toLocaleLowerCase();
  const rows = matrix.rows.filter((r) => {
    if (f.role && !r.roles.includes(f.role)) return false;
    if (course >= 0 && r.cells[course] === "-") return false;
    if (text && !r.name.toLocaleLowerCase().includes(text) && !r.person.includes(text)) return false;
    if (f.gapsOnly) {
      const cells = course >= 0 ? r.cells[course]! : r.cells;
      if (!/[XME]/.test(cells)) return false;
    }
    return true;
  });
  if (course >= 0 && f.sort === "urgency") {
    // Most urgent for that course first: expired, missing, expiring, then the rest.
    const rank = (r: MatrixRow) => "XMEC".indexOf(r.cells[course]!.toUpperCase()) + 1 || 9;
    rows.sort((a, b) => rank(a) - rank(b) || b.urgency - a.urgency || a.name.localeCompare(b.name));
  } else if (f.sort === "name") {
    rows.sort((a, b) => a.name.localeCompare(b.name));
  } else if (f.sort === "site") {
    rows.sort((a, b) => a.site.localeCompare(b.site) || a.name.localeCompare(b.name));
  }
  return rows;
}

/** The slice of `count` rows of height `rowHeight` visible at `scrollTop` in a `height` box, with `overscan` rows either side. */
export function windowOf(count: number, rowHeight: number, scrollTop: number, height: number, overscan = 8): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { start, end };
}

/** Counts of required cells by state, for the summary line. */
export function tally(rows: readonly MatrixRow[]): Record<"expired" | "missing" | "expiring" | "current", number> {
  const out = { expired: 0, missing: 0, expiring: 0, current: 0 };
  for (const r of rows) {
    for (const letter of r.cells) {
      if (letter === "X") out.expired++;
      else if (letter === "M") out.missing++;
      else if (letter === "E") out.expiring++;
      else if (letter === "C") out.current++;
    }
  }
  return out;
}
