// What a view may change, as App provides it. Every method saves one change through the core
// (checked, recorded in the audit trail, refused as a conflict when the page is stale), and
// App then shows the site page the core answers with; a refusal is thrown as an AppError so
// the editor can show it at the field (`AppError.field`) and keep what was typed.
import type { AppError } from "../bindings/AppError";
import { toAppError } from "./errors";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { Plan } from "../bindings/Plan";
import type { PlanAction } from "../bindings/PlanAction";
import type { Process } from "../bindings/Process";
import type { TeamMember } from "../bindings/TeamMember";
import type { Assignment } from "../bindings/Assignment";

export interface Editing {
  savePlan: (plan: Plan) => Promise<void>;
  saveProcess: (process: Process) => Promise<void>;
  planAction: (plan: string, action: PlanAction) => Promise<void>;
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
