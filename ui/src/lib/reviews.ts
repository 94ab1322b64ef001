// Stored readiness reviews as the views show them: scope labels, the start form's scope choice,
// the action form's checks and sign-off names. Pure functions, tested in reviews.test.ts.
import type { ActionState } from "../bindings/ActionState";
import type { Review } from "../bindings/Review";
import type { ReviewScope } from "../bindings/ReviewScope";
import { isDate } from "./format";

export const ACTION_STATE_LABELS: Record<ActionState, string> = {
  open: "Open",
  overdue: "Overdue",
  done: "Done",
};

/** "Portfolio", "Region EMEA", "Site Tokyo". */
export function scopeLabel(review: Pick<Review, "scope" | "scope_name">): string {
  switch (review.scope.kind) {
    case "portfolio":
      return "Portfolio";
    case "region":
      return `Region ${review.scope_name}`;
    case "site":
      return `Site ${review.scope_name}`;
  }
}

/** The start form's choice, `portfolio`, `region:ID` or `site:ID`, as the command takes it. */
export function parseScope(choice: string): ReviewScope | null {
  if (choice === "portfolio") return { kind: "portfolio" };
  const [kind, id] = [choice.slice(0, choice.indexOf(":")), choice.slice(choice.indexOf(":") + 1)];
  if (!choice.includes(":") || !id) return null;
  if (kind === "region") return { kind: "region", id };
  if (kind === "site") return { kind: "site", id };
  return null;
}

/** What is wrong with an action about to be recorded, or null. */
export function actionProblem(text: string, owner: string, due: string): string | null {
  if (!text.trim()) return "Say what is to be done.";
  if (!owner.trim()) return "An action needs an owner.";
  if (!isDate(due)) return "An action needs a due date (YYYY-MM-DD).";
  return null;
}

/** Sign-off names typed one per line or separated by commas; blanks dropped. */
export function signers(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

/** "signed 2026-12-02 by Ada, Grace" or "open". */
export function statusLine(review: Review): string {
  if (review.status === "open") return "Open";
  return `Signed ${(review.signed_off_at ?? "").slice(0, 10)} by ${review.signed_by.join(", ")}`;
}
