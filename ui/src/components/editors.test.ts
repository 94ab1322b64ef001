import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ProcessEditor from "./ProcessEditor.svelte";
import StepsEditor from "./StepsEditor.svelte";
import RoleEditor from "./RoleEditor.svelte";
import { fieldError, moved, withHolders } from "../lib/editing";
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
      props: { process: PROCESS, people: PEOPLE, onsave, oncancel: vi.fn(), ondirty: vi.fn() },
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
      props: { process: PROCESS, people: PEOPLE, onsave: vi.fn(), oncancel: vi.fn(), ondirty: vi.fn() },
    });
    expect((screen.getByTestId("save") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("StepsEditor", () => {
  const steps: Step[] = [
    { phase: "respond", action: "Call the team", role: "ic", target_time: "15m" },
    { phase: "recover", action: "Fail over", role: "it", target_time: "2h" },
  ];
  const roles = [
    { id: "ic", name: "Incident Commander", critical: true },
    { id: "it", name: "IT Lead", critical: true },
  ];
  it("moves a step up with Alt+ArrowUp and saves the new order", async () => {
    const onsave = vi.fn().mockResolvedValue(undefined);
    const ondirty = vi.fn();
    render(StepsEditor, { props: { steps, roles, onsave, oncancel: vi.fn(), ondirty } });
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
