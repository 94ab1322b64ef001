// What a view may change, as App provides it. Every method saves one change through the core
// (checked, recorded in the audit trail, refused as a conflict when the page is stale), and
// App then shows the site page the core answers with; a refusal is thrown as an AppError so
// the editor can show it at the field (`AppError.field`) and keep what was typed.
import type { AppError } from "../bindings/AppError";
import { toAppError } from "./errors";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { Exercise } from "../bindings/Exercise";
import type { Plan } from "../bindings/Plan";
import type { PlanAction } from "../bindings/PlanAction";
import type { Process } from "../bindings/Process";
import type { TeamMember } from "../bindings/TeamMember";
import type { Assignment } from "../bindings/Assignment";
import type { InventoryItem } from "../bindings/InventoryItem";
import type { NewPlan } from "../bindings/NewPlan";
import type { Person } from "../bindings/Person";
import type { PlanTiming } from "../bindings/PlanTiming";
import type { Site } from "../bindings/Site";
import type { Successor } from "../bindings/Successor";

export interface Editing {
  savePlan: (plan: Plan) => Promise<void>;
  /** Saves the draft of a plan being revised (the approved version stays in force). */
  savePlanDraft: (plan: Plan) => Promise<void>;
  saveProcess: (process: Process) => Promise<void>;
  planAction: (plan: string, action: PlanAction) => Promise<void>;
  saveSite: (site: Site) => Promise<void>;
  /** Deletes the open site (after the view has asked), then shows the world. */
  deleteSite: () => Promise<void>;
  savePerson: (person: Person) => Promise<void>;
  /** A person leaves: their roles go to the successors named, and they are marked inactive. */
  handOver: (person: string, successors: Successor[]) => Promise<void>;
  saveInventory: (items: InventoryItem[]) => Promise<void>;
  /** Records an exercise of the site, or changes one (same id). */
  saveExercise: (exercise: Exercise) => Promise<void>;
  /** Closes a finding's corrective action on `date` (YYYY-MM-DD). */
  closeFinding: (finding: string, date: string) => Promise<void>;
  /** Adds a plan from its kind's template, then opens it. */
  newPlan: (plan: NewPlan) => Promise<void>;
  /** Copies a plan to another site as a new draft, then opens the copy there. */
  duplicatePlan: (plan: string, toSite: string, id: string, owner: string) => Promise<void>;
  deletePlan: (plan: string) => Promise<void>;
  /** Checks a plan as saving would, saving nothing: its timing, or the refusal (thrown). */
  checkPlan: (plan: Plan) => Promise<PlanTiming>;
  /** The sites a plan can be copied to, and a site's people (for the copy's owner). */
  sites: () => { id: string; name: string }[];
  sitePeople: (site: string) => Promise<Person[]>;
  roleCandidates: (role: string) => Promise<TeamMember[]>;
  /** The audit trail of this site, or of one of its plans. */
  history: (plan: string | null) => Promise<AuditEntry[]>;
  /** Tells App an editor holds unsaved changes (a label), or none (null). */
  setDirty: (what: string | null) => void;
}

/** The plan with `role` held by `people` in call order (primary first), other roles unchanged. */
export function withHolders(plan: Plan, role: string, people: readonly string[]): Plan {
  const others = (plan.assignments ?? []).filter((a) => a.role !== role);
  const holders: Assignment[] = people.map((person, rank) => ({ role, person, rank }));
  return { ...plan, assignments: [...others, ...holders] };
}

/** `list` with the item at `from` moved to `to` (clamped); the same list when nothing moves. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from === target || from < 0 || from >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1) as [T];
  out.splice(target, 0, item);
  return out;
}

/** The message for `field` in a refused save, if the refusal names that field. */
export function fieldError(err: AppError | null, field: string): string | null {
  if (!err || !err.field) return null;
  return err.field === field || err.field.startsWith(`${field}.`) || err.field.startsWith(`${field}[`)
    ? err.message
    : null;
}

/** Runs a save; its refusal as an AppError (for the editor to show, keeping what was typed), or null. */
export async function attempt(save: () => Promise<void>): Promise<AppError | null> {
  try {
    await save();
    return null;
  } catch (err) {
    return toAppError(err);
  }
}

/** Each role `person` holds in `plans`, once per (plan, role), in plan order. */
export function heldRoles(plans: readonly Plan[], person: string): { plan: string; planTitle: string; role: string; rank: number }[] {
  const out: { plan: string; planTitle: string; role: string; rank: number }[] = [];
  for (const plan of plans) {
    for (const a of plan.assignments ?? []) {
      if (a.person === person && !out.some((h) => h.plan === plan.id && h.role === a.role)) {
        out.push({ plan: plan.id, planTitle: plan.title, role: a.role, rank: a.rank });
      }
    }
  }
  return out;
}

/** A slug for an id from what was typed as a name: lower case, ASCII, words joined by "-". */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Splits a textarea into list items: one per non-empty line, trimmed. */
export function lines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
