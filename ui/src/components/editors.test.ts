import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ProcessEditor from "./ProcessEditor.svelte";
import StepsEditor from "./StepsEditor.svelte";
import RoleEditor from "./RoleEditor.svelte";
import HandOver from "./HandOver.svelte";
import PlanFieldsEditor from "./PlanFieldsEditor.svelte";
import { fieldError, heldRoles, lines, moved, slug, withHolders } from "../lib/editing";
import type { Plan } from "../bindings/Plan";
import type { Process } from "../bindings/Process";
import type { Step } from "../bindings/Step";
import type { TeamRole } from "../bindings/TeamRole";

const PROCESS: Process = {
  id: "p1",
  name: "Payments",
  owner: "a",
  criticality: "critical",
  rto: "4h",
  rpo: "15m",
  mtpd: "1day",
  minimum_staff: 3,
};
const DEPS = {
  sites: [{ id: "paris", name: "Paris" }],
  processes: [] as Process[],
  known: { system: ["SAP"], supplier: [] as string[] },
};
const PEOPLE = [
  { id: "a", name: "Aiko Sato" },
  { id: "b", name: "Ben Ito" },
];

describe("editing helpers", () => {
  it("moves an item and clamps at the ends", () => {
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moved(["a", "b", "c"], 0, 9)).toEqual(["b", "c", "a"]);
  });
  it("replaces the holders of one role only, ranked in order", () => {
    const plan = {
      assignments: [
        { role: "ic", person: "a", rank: 0 },
        { role: "comms", person: "b", rank: 0 },
      ],
    } as Plan;
    expect(withHolders(plan, "ic", ["b", "a"]).assignments).toEqual([
      { role: "comms", person: "b", rank: 0 },
      { role: "ic", person: "b", rank: 0 },
      { role: "ic", person: "a", rank: 1 },
    ]);
  });
  it("finds a field's message, and only that field's", () => {
    const err = { code: "validation" as const, message: "bad", field: "steps[3].target_time" };
    expect(fieldError(err, "steps[3]")).toBe("bad");
    expect(fieldError(err, "steps[31]")).toBeNull();
    expect(fieldError(err, "rto")).toBeNull();
  });
});

describe("ProcessEditor", () => {
  it("shows a refused duration at its field and keeps what was typed", async () => {
    const onsave = vi.fn().mockRejectedValue({
      code: "validation",
      message: 'process rto: "-4h" is not a duration',
      field: "rto",
    });
    render(ProcessEditor, {
      props: { process: PROCESS, people: PEOPLE, ...DEPS, onsave, oncancel: vi.fn(), ondirty: vi.fn() },
    });
    const rto = screen.getByTestId("process-rto") as HTMLInputElement;
    await fireEvent.input(rto, { target: { value: "-4h" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(screen.getByTestId("field-error").textContent).toContain("-4h"));
    expect(screen.getByTestId("field-error").dataset.field).toBe("rto");
    expect(onsave).toHaveBeenCalledWith(expect.objectContaining({ rto: "-4h", name: "Payments" }));
    expect((screen.getByTestId("process-rto") as HTMLInputElement).value).toBe("-4h");
  });
  it("has nothing to save until something changed", () => {
    render(ProcessEditor, {
      props: { process: PROCESS, people: PEOPLE, ...DEPS, onsave: vi.fn(), oncancel: vi.fn(), ondirty: vi.fn() },
    });
    expect((screen.getByTestId("save") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("StepsEditor", () => {
  const steps: Step[] = [
    { phase: "respond", action: "Call the team", role: "ic", target_time: "15m" },
    { phase: "recover", action: "Fail over", role: "it", target_time: "2h" },
  ];
  // The core's answer to a check: the running total of the steps against an RTO of 2h.
  const timed = vi.fn(async (s: Step[]) => {
    const minutes = (t: string) => (t.endsWith("h") ? Number(t.slice(0, -1)) * 60 : Number(t.replace("m", "")));
    let total = 0;
    const elapsed = s.map((x) => `${(total += minutes(x.target_time))}m`);
    let sum = 0;
    return { plan_id: "p", shortest_rto: "2h", elapsed, late: s.map((x) => (sum += minutes(x.target_time)) > 120) };
  });
  const roles = [
    { id: "ic", name: "Incident Commander", critical: true },
    { id: "it", name: "IT Lead", critical: true },
  ];
  it("moves a step up with Alt+ArrowUp and saves the new order", async () => {
    const onsave = vi.fn().mockResolvedValue(undefined);
    const ondirty = vi.fn();
    render(StepsEditor, { props: { steps, roles, onsave, check: timed, oncancel: vi.fn(), ondirty } });
    const second = screen.getAllByTestId("step-row")[1]!;
    await fireEvent.keyDown(second, { key: "ArrowUp", altKey: true });
    const actions = screen.getAllByTestId("step-action").map((t) => (t as HTMLTextAreaElement).value);
    expect(actions).toEqual(["Fail over", "Call the team"]);
    expect(ondirty).toHaveBeenLastCalledWith(true);
    await fireEvent.click(screen.getByTestId("save"));
    expect(onsave.mock.calls[0]![0].map((s: Step) => s.action)).toEqual(["Fail over", "Call the team"]);
  });
});

describe("RoleEditor", () => {
  it("offers the site's people with their load and adds one as the next alternate", async () => {
    const role: TeamRole = {
      plan_id: "bcp",
      plan_title: "BCP",
      role_id: "ic",
      role_name: "Incident Commander",
      critical: true,
      alternates_required: 1,
      members: [{ person_id: "a", name: "Aiko Sato", rank: 0, active: true, critical_roles: 2, training: [] }],
    };
    const candidates = vi.fn().mockResolvedValue([
      { person_id: "a", name: "Aiko Sato", rank: 0, active: true, critical_roles: 2, training: [] },
      {
        person_id: "b",
        name: "Ben Ito",
        rank: 0,
        active: true,
        critical_roles: 0,
        training: [{ course_id: "cl", course_name: "Crisis Leadership", currency: "expired", completed: null, expires: null }],
      },
    ]);
    const onsave = vi.fn().mockResolvedValue(undefined);
    render(RoleEditor, { props: { role, candidates, onsave, oncancel: vi.fn(), ondirty: vi.fn() } });
    const ben = await screen.findByText("Ben Ito");
    expect(screen.getByTestId("candidates").textContent).toContain("Crisis Leadership: Expired");
    expect(screen.queryAllByTestId("candidate").map((c) => c.dataset.person)).toEqual(["b"]);
    await fireEvent.click(ben);
    await fireEvent.click(screen.getByTestId("save"));
    expect(onsave).toHaveBeenCalledWith(["a", "b"]);
  });
});

describe("StepsEditor drag", () => {
  it("moves a step by dragging its handle onto another row", async () => {
    const steps: Step[] = [
      { phase: "respond", action: "A", role: "ic", target_time: "15m" },
      { phase: "respond", action: "B", role: "ic", target_time: "15m" },
      { phase: "recover", action: "C", role: "ic", target_time: "15m" },
    ];
    const check = vi.fn().mockResolvedValue({ plan_id: "p", elapsed: [], late: [] });
    render(StepsEditor, { props: { steps, roles: [{ id: "ic", name: "IC", critical: true }], onsave: vi.fn(), check, oncancel: vi.fn(), ondirty: vi.fn() } });
    const handles = screen.getAllByTestId("step-handle");
    const rows = screen.getAllByTestId("step-row");
    await fireEvent.dragStart(handles[2]!);
    await fireEvent.dragOver(rows[0]!);
    await fireEvent.drop(rows[0]!);
    expect(screen.getAllByTestId("step-action").map((t) => (t as HTMLTextAreaElement).value)).toEqual(["C", "A", "B"]);
  });
});

describe("StepsEditor running total", () => {
  it("shows the core's elapsed time per step and where the steps pass the RTO", async () => {
    const steps: Step[] = [
      { phase: "respond", action: "Call", role: "ic", target_time: "30m" },
      { phase: "recover", action: "Fail over", role: "ic", target_time: "1h" },
    ];
    const check = vi.fn(async (s: Step[]) => {
      const m = s.map((x) => (x.target_time.endsWith("h") ? Number(x.target_time.slice(0, -1)) * 60 : Number(x.target_time.slice(0, -1))));
      let t = 0;
      const elapsed = m.map((v) => (t += v));
      return { plan_id: "p", shortest_rto: "2h", elapsed: elapsed.map((e) => `${e}m`), late: elapsed.map((e) => e > 120) };
    });
    render(StepsEditor, { props: { steps, roles: [{ id: "ic", name: "IC", critical: true }], onsave: vi.fn(), check, oncancel: vi.fn(), ondirty: vi.fn() } });
    await waitFor(() => expect(screen.getByTestId("running-total").textContent).toContain("within it"));
    const targets = screen.getAllByTestId("step-target") as HTMLInputElement[];
    await fireEvent.input(targets[1]!, { target: { value: "2h" } });
    await waitFor(() => expect(screen.getByTestId("running-total").textContent).toContain("beyond it from step 2"));
    expect(screen.getAllByTestId("step-elapsed").map((e) => e.textContent)).toEqual(["30m", "150m"]);
  });
  it("shows a target time the core refuses at its step while typing", async () => {
    const check = vi.fn().mockRejectedValue({ code: "validation", message: '"-4h" is not a duration', field: "steps[0].target_time" });
    render(StepsEditor, {
      props: { steps: [{ phase: "respond", action: "Call", role: "ic", target_time: "-4h" }], roles: [{ id: "ic", name: "IC", critical: true }], onsave: vi.fn(), check, oncancel: vi.fn(), ondirty: vi.fn() },
    });
    await waitFor(() => expect(screen.getByTestId("field-error").textContent).toContain("-4h"));
  });
});

describe("HandOver", () => {
  const plan: Plan = {
    id: "bcp", title: "BCP", kind: "business_continuity", owner: "a", version: "1", status: "approved",
    review_interval_months: 12, purpose: "", scope: "",
    roles: [{ role: "ic", alternates: 1 }],
    assignments: [{ role: "ic", person: "a", rank: 0 }, { role: "ic", person: "b", rank: 1 }],
  };
  const people = [{ id: "a", name: "Ana" }, { id: "b", name: "Ben" }, { id: "c", name: "Cy" }];
  it("lists every role held, proposes the next in line and hands over in one action", async () => {
    expect(heldRoles([plan], "a")).toEqual([{ plan: "bcp", planTitle: "BCP", role: "ic", rank: 0 }]);
    const onconfirm = vi.fn().mockResolvedValue(undefined);
    render(HandOver, { props: { person: people[0]!, plans: [plan], people, roleName: () => "Incident Commander", onconfirm, oncancel: vi.fn() } });
    expect(screen.getAllByTestId("handover-row")).toHaveLength(1);
    expect((screen.getByTestId("successor") as HTMLSelectElement).value).toBe("b");
    await fireEvent.change(screen.getByTestId("successor"), { target: { value: "c" } });
    await fireEvent.click(screen.getByTestId("confirm-handover"));
    expect(onconfirm).toHaveBeenCalledWith([{ plan: "bcp", role: "ic", person: "c" }]);
  });
  it("will not deactivate until every role has a successor", async () => {
    const lone: Plan = { ...plan, assignments: [{ role: "ic", person: "a", rank: 0 }] };
    render(HandOver, { props: { person: people[0]!, plans: [lone], people, roleName: (id: string) => id, onconfirm: vi.fn(), oncancel: vi.fn() } });
    expect((screen.getByTestId("confirm-handover") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("PlanFieldsEditor", () => {
  const plan: Plan = {
    id: "bcp", title: "BCP", kind: "business_continuity", owner: "a", version: "1", status: "draft",
    review_interval_months: 12, purpose: "Keep going", scope: "All",
    objectives: ["One"], roles: [{ role: "ic", alternates: 1 }],
  };
  it("saves list fields one item per line and leaves empty lists out, as the plan file does", async () => {
    const onsave = vi.fn().mockResolvedValue(undefined);
    const check = vi.fn().mockResolvedValue({ plan_id: "bcp", elapsed: [], late: [] });
    render(PlanFieldsEditor, {
      props: { plan, people: [{ id: "a", name: "Ana" }], processes: [], roles: [{ id: "ic", name: "IC" }], onsave, check, oncancel: vi.fn(), ondirty: vi.fn() },
    });
    await fireEvent.input(screen.getByTestId("plan-objectives"), { target: { value: "One\n\n  Two  \n" } });
    await fireEvent.submit(screen.getByTestId("plan-editor"));
    const saved = onsave.mock.calls[0]![0] as Plan;
    expect(saved.objectives).toEqual(["One", "Two"]);
    expect(saved.assumptions).toBeUndefined();
    expect(saved.contacts).toBeUndefined();
  });
  it("shows what the core refuses while typing", async () => {
    const check = vi.fn().mockRejectedValue({ code: "validation", message: 'unknown person "zz"', field: "owner" });
    render(PlanFieldsEditor, {
      props: { plan, people: [{ id: "a", name: "Ana" }], processes: [], roles: [{ id: "ic", name: "IC" }], onsave: vi.fn(), check, oncancel: vi.fn(), ondirty: vi.fn() },
    });
    await waitFor(() => expect(screen.getByTestId("field-error").textContent).toContain("zz"));
  });
});

describe("editing helpers", () => {
  it("makes ids from names and lists from lines", () => {
    expect(slug("São Paulo Ops")).toBe("sao-paulo-ops");
    expect(slug("  München / BCP ")).toBe("munchen-bcp");
    expect(lines("a\n\n b \n")).toEqual(["a", "b"]);
  });
});
