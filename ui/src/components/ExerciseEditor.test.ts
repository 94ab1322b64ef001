import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import ExerciseEditor from "./ExerciseEditor.svelte";
import ExerciseCalendar from "../views/ExerciseCalendar.svelte";
import type { Exercise } from "../bindings/Exercise";
import type { ExerciseCalendar as Calendar } from "../bindings/ExerciseCalendar";
import type { Person } from "../bindings/Person";

/** Picks an option of a select as a user would (happy-dom ignores a `value` set by fireEvent). */
async function choose(el: HTMLElement, value: string) {
  const select = el as HTMLSelectElement;
  for (const option of Array.from(select.options)) option.selected = option.value === value;
  await fireEvent.change(select);
}

const PEOPLE = [
  { id: "a", name: "Aiko Sato" },
  { id: "b", name: "Ben Ito" },
] as Person[];
const PLANS = [
  { id: "tyo-bcp", title: "Business continuity" },
  { id: "tyo-itdr", title: "IT disaster recovery" },
];

function setup(exercise: Exercise | null, onsave = vi.fn().mockResolvedValue(undefined)) {
  render(ExerciseEditor, {
    props: { exercise, site: "tokyo", taken: ["tokyo-ex-2026-12"], plans: PLANS, people: PEOPLE, today: "2026-12-02", onsave, oncancel: vi.fn(), ondirty: vi.fn() },
  });
  return onsave;
}

describe("ExerciseEditor", () => {
  it("shows a bad recovery time at its plan's field and keeps what was typed", async () => {
    const onsave = setup(
      null,
      vi.fn().mockRejectedValue({ code: "validation", message: 'invalid duration "3 hours-ish"', field: "results[0].recovery_time" }),
    );
    await fireEvent.input(screen.getByTestId("exercise-title"), { target: { value: "Failover test" } });
    await fireEvent.click(screen.getByTestId("exercise-plan-tyo-itdr"));
    await fireEvent.input(screen.getByTestId("recovery-tyo-itdr"), { target: { value: "3 hours-ish" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(screen.getByTestId("field-error").textContent).toContain("3 hours-ish"));
    expect(screen.getByTestId("field-error").dataset.field).toBe("results[0].recovery_time");
    expect(screen.getByTestId("recovery-tyo-itdr").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByTestId("recovery-tyo-itdr") as HTMLInputElement).value).toBe("3 hours-ish");
    expect(onsave.mock.calls[0]![0].results).toEqual([{ plan: "tyo-itdr", recovery_time: "3 hours-ish" }]);
  });

  it("records a new exercise with participants, a scenario and findings", async () => {
    const onsave = setup(null);
    await fireEvent.input(screen.getByTestId("exercise-title"), { target: { value: "Tabletop" } });
    await fireEvent.click(screen.getByTestId("exercise-plan-tyo-bcp"));
    await fireEvent.input(screen.getByTestId("recovery-tyo-bcp"), { target: { value: " 3h 30m " } });
    await fireEvent.click(screen.getByTestId("participant-b"));
    await fireEvent.input(screen.getByTestId("exercise-scenario"), { target: { value: "Fire overnight" } });
    await fireEvent.click(screen.getByTestId("add-finding"));
    await fireEvent.click(screen.getByTestId("add-finding"));
    const rows = screen.getAllByTestId("finding-row");
    expect(rows).toHaveLength(2);
    await fireEvent.input(within(rows[0]!).getByTestId("finding-description"), { target: { value: "Call tree stale" } });
    await fireEvent.input(within(rows[0]!).getByTestId("finding-action"), { target: { value: "Refresh monthly" } });
    await choose(within(rows[0]!).getByTestId("finding-severity"), "high");
    await choose(within(rows[0]!).getByTestId("finding-owner"), "b");
    await fireEvent.input(within(rows[1]!).getByTestId("finding-description"), { target: { value: "No badge access" } });
    await fireEvent.input(within(rows[1]!).getByTestId("finding-action"), { target: { value: "Issue badges" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    const sent = onsave.mock.calls[0]![0] as Exercise;
    // The month is taken by another exercise: the next free id.
    expect(sent.id).toBe("tokyo-ex-2026-12-2");
    expect(sent.date).toBe("2026-12-02");
    expect(sent.plans).toEqual(["tyo-bcp"]);
    expect(sent.results).toEqual([{ plan: "tyo-bcp", recovery_time: "3h 30m" }]);
    expect(sent.participants).toEqual(["b"]);
    expect(sent.scenario).toBe("Fire overnight");
    expect(sent.findings).toEqual([
      { id: "tokyo-ex-2026-12-2-f1", description: "Call tree stale", severity: "high", action: "Refresh monthly", owner: "b", due: "2026-12-02" },
      { id: "tokyo-ex-2026-12-2-f2", description: "No badge access", severity: "medium", action: "Issue badges", owner: "a", due: "2026-12-02" },
    ]);
  });

  it("adds a finding to a recorded exercise, keeping the others and their closing", async () => {
    const ex: Exercise = {
      id: "tokyo-ex-1",
      title: "Old",
      date: "2026-01-10",
      kind: "simulation",
      plans: ["tyo-itdr"],
      outcome: "passed_with_findings",
      results: [{ plan: "tyo-itdr", recovery_time: "2h" }],
      findings: [{ id: "tokyo-ex-1-f1", description: "DNS", severity: "medium", action: "Lower TTL", owner: "a", due: "2026-02-01", closed: "2026-01-20" }],
    };
    const onsave = setup(ex);
    expect((screen.getByTestId("save") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("closed 2026-01-20")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("add-finding"));
    const row = screen.getAllByTestId("finding-row")[1]!;
    await fireEvent.input(within(row).getByTestId("finding-description"), { target: { value: "Runbook gap" } });
    await fireEvent.input(within(row).getByTestId("finding-action"), { target: { value: "Write it" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    const sent = onsave.mock.calls[0]![0] as Exercise;
    expect(sent.id).toBe("tokyo-ex-1");
    expect(sent.results).toEqual([{ plan: "tyo-itdr", recovery_time: "2h" }]);
    expect(sent.findings!.map((f) => [f.id, f.closed])).toEqual([
      ["tokyo-ex-1-f1", "2026-01-20"],
      ["tokyo-ex-1-f2", undefined],
    ]);
  });

  it("shows a refusal about another field under the form", async () => {
    setup(null, vi.fn().mockRejectedValue({ code: "validation", message: "unknown person", field: "" }));
    await fireEvent.input(screen.getByTestId("exercise-title"), { target: { value: "X" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(screen.getByTestId("form-error").textContent).toContain("unknown person"));
  });
});

const CALENDAR: Calendar = {
  as_of: "2026-12-02",
  interval_months: 12,
  entries: [
    { site: "tokyo", site_name: "Tokyo", region: "apac", region_name: "Asia Pacific", plan: "tokyo-itdr", plan_title: "IT DR", kind: "it_disaster_recovery" as never, last_exercised: "2025-11-01", last_exercise: "x", due: "2026-11-01", never: false, overdue: true },
    { site: "london", site_name: "London", region: "emea", region_name: "EMEA", plan: "london-bcp", plan_title: "London BCP", kind: "business_continuity" as never, last_exercised: null, last_exercise: null, due: "2027-03-01", never: true, overdue: false },
  ],
};

describe("ExerciseCalendar", () => {
  it("lists plans by due date, overdue marked, each linking to its plan", () => {
    render(ExerciseCalendar, { props: { calendar: CALENDAR } });
    const rows = screen.getAllByTestId("calendar-row");
    expect(rows.map((r) => r.dataset.overdue)).toEqual(["true", "false"]);
    expect(rows[0]!.classList.contains("overdue")).toBe(true);
    expect(screen.getAllByTestId("calendar-plan")[0]!.getAttribute("href")).toBe("#/site/tokyo/plan/tokyo-itdr");
    expect(screen.getByTestId("calendar-summary").textContent).toContain("1 overdue");
    expect(rows[1]!.textContent).toContain("never");
  });

  it("filters by region and by site", async () => {
    render(ExerciseCalendar, { props: { calendar: CALENDAR } });
    await choose(screen.getByTestId("calendar-region"), "emea");
    expect(screen.getAllByTestId("calendar-row")).toHaveLength(1);
    expect(screen.getByTestId("calendar-row").textContent).toContain("London BCP");
    await choose(screen.getByTestId("calendar-region"), "");
    await choose(screen.getByTestId("calendar-site"), "tokyo");
    expect(screen.getAllByTestId("calendar-row")).toHaveLength(1);
    expect(screen.getByTestId("calendar-row").textContent).toContain("IT DR");
  });
});
