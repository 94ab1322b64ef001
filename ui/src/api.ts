// Every command of the shell, in one place: its name and its argument names. Views call these,
// never `invoke` directly, so a renamed command or argument is a compile error here and a failing
// end-to-end test there (the e2e test calls each of them through the real IPC).
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { Dashboard } from "./bindings/Dashboard";
import type { Exercise } from "./bindings/Exercise";
import type { ExerciseCalendar } from "./bindings/ExerciseCalendar";
import type { ExportSummary } from "./bindings/ExportSummary";
import type { Exported } from "./bindings/Exported";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { Outlook } from "./bindings/Outlook";
import type { SearchHit } from "./bindings/SearchHit";
import type { SitePage } from "./bindings/SitePage";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { ChangeSet } from "./bindings/ChangeSet";
import type { Person } from "./bindings/Person";
import type { Plan } from "./bindings/Plan";
import type { PlanTiming } from "./bindings/PlanTiming";
import type { PlanAction } from "./bindings/PlanAction";
import type { Process } from "./bindings/Process";
import type { TeamMember } from "./bindings/TeamMember";
import type { UndoneChange } from "./bindings/UndoneChange";
import type { InventoryItem } from "./bindings/InventoryItem";
import type { NewPlan } from "./bindings/NewPlan";
import type { PolicyPreview } from "./bindings/PolicyPreview";
import type { Portfolio } from "./bindings/Portfolio";
import type { ReadinessSettings } from "./bindings/ReadinessSettings";
import type { Site } from "./bindings/Site";
import type { Successor } from "./bindings/Successor";
import type { CsvKind } from "./bindings/CsvKind";
import type { CsvOptions } from "./bindings/CsvOptions";
import type { CsvPreview } from "./bindings/CsvPreview";
import type { CsvSummary } from "./bindings/CsvSummary";
import type { MatrixScope } from "./bindings/MatrixScope";
import type { TrainingMatrix } from "./bindings/TrainingMatrix";
import type { TrainingRecord } from "./bindings/TrainingRecord";
import type { Review } from "./bindings/Review";
import type { ReviewItem } from "./bindings/ReviewItem";
import type { ReviewItemKind } from "./bindings/ReviewItemKind";
import type { ReviewPage } from "./bindings/ReviewPage";
import type { ReviewScope } from "./bindings/ReviewScope";
import { toAppError } from "./lib/errors";

/** `invoke`, with the shell's `{ code, message }` error turned into a typed `AppError`. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toAppError(err) satisfies AppError;
  }
}

/** A date as the shell takes it: YYYY-MM-DD, or null for today. */
export type AsOf = string | null;

export const api = {
  dashboard: (asOf: AsOf) => call<Dashboard>("dashboard", { asOf }),
  outlook: (asOf: AsOf, days: number) => call<Outlook>("outlook", { asOf, days }),
  search: (query: string) => call<SearchHit[]>("search", { query }),
  sitePage: (site: string, asOf: AsOf) => call<SitePage>("site_page", { site, asOf }),
  exportRunbook: (target: string, path: string, draft = false) =>
    call<Exported>("export_runbook", { target, path, draft }),
  exportCards: (site: string, path: string) => call<Exported>("export_cards", { site, path }),
  exportReview: (path: string, asOf: AsOf) => call<Exported>("export_review", { path, asOf }),
  importPlans: (folder: string) => call<ImportSummary>("import_plans", { folder }),
  exportPlans: (folder: string) => call<ExportSummary>("export_plans", { folder }),
  openDocument: (path: string) => call<null>("open_document", { path }),

  // Edits: each carries the stamp of the site page it was made on (a stale one is a conflict)
  // and answers with the site page as it now stands.
  savePerson: (site: string, stamp: string, person: Person, asOf: AsOf) =>
    call<SitePage>("save_person", { site, stamp, person, asOf }),
  saveProcess: (site: string, stamp: string, process: Process, asOf: AsOf) =>
    call<SitePage>("save_process", { site, stamp, process, asOf }),
  savePlan: (site: string, stamp: string, plan: Plan, asOf: AsOf) =>
    call<SitePage>("save_plan", { site, stamp, plan, asOf }),
  savePlanDraft: (site: string, stamp: string, plan: Plan, asOf: AsOf) =>
    call<SitePage>("save_plan_draft", { site, stamp, plan, asOf }),
  planAction: (site: string, stamp: string, plan: string, action: PlanAction, asOf: AsOf) =>
    call<SitePage>("plan_action", { site, stamp, plan, action, asOf }),
  saveSite: (stamp: string, site: Site, asOf: AsOf) => call<SitePage>("save_site", { stamp, site, asOf }),
  createSite: (site: Site, asOf: AsOf) => call<SitePage>("create_site", { site, asOf }),
  deleteSite: (site: string, stamp: string) => call<null>("delete_site", { site, stamp }),
  newPlan: (site: string, stamp: string, plan: NewPlan, asOf: AsOf) =>
    call<SitePage>("new_plan", { site, stamp, plan, asOf }),
  duplicatePlan: (site: string, stamp: string, plan: string, id: string, owner: string, asOf: AsOf) =>
    call<SitePage>("duplicate_plan", { site, stamp, plan, id, owner, asOf }),
  deletePlan: (site: string, stamp: string, plan: string, asOf: AsOf) =>
    call<SitePage>("delete_plan", { site, stamp, plan, asOf }),
  saveInventory: (site: string, stamp: string, items: InventoryItem[], asOf: AsOf) =>
    call<SitePage>("save_inventory", { site, stamp, items, asOf }),
  handOver: (site: string, stamp: string, person: string, successors: Successor[], asOf: AsOf) =>
    call<SitePage>("hand_over", { site, stamp, person, successors, asOf }),
  saveExercise: (site: string, stamp: string, exercise: Exercise, asOf: AsOf) =>
    call<SitePage>("save_exercise", { site, stamp, exercise, asOf }),
  /** Closes a finding's corrective action on `date` (YYYY-MM-DD). */
  closeFinding: (site: string, stamp: string, finding: string, date: string, asOf: AsOf) =>
    call<SitePage>("close_finding", { site, stamp, finding, date, asOf }),
  checkPlan: (site: string, plan: Plan) => call<PlanTiming>("check_plan", { site, plan }),
  roleCandidates: (site: string, role: string, asOf: AsOf) =>
    call<TeamMember[]>("role_candidates", { site, role, asOf }),

  // Settings: the catalogue and the readiness policy, with a preview before saving.
  portfolio: () => call<Portfolio>("portfolio"),
  policyPreview: (settings: ReadinessSettings, asOf: AsOf) =>
    call<PolicyPreview>("policy_preview", { settings, asOf }),
  savePortfolio: (portfolio: Portfolio) => call<Portfolio>("save_portfolio", { portfolio }),

  // Training: the matrix, completions, CSV out; CSV in from HR and learning systems.
  trainingMatrix: (scope: MatrixScope, asOf: AsOf) => call<TrainingMatrix>("training_matrix", { scope, asOf }),
  recordTraining: (records: TrainingRecord[]) => call<number>("record_training", { records }),
  exportTrainingCsv: (scope: MatrixScope, path: string, asOf: AsOf) =>
    call<Exported>("export_training_csv", { scope, path, asOf }),
  csvPreview: (kind: CsvKind, path: string, options: CsvOptions) => call<CsvPreview>("csv_preview", { kind, path, options }),
  csvImport: (kind: CsvKind, path: string, options: CsvOptions) => call<CsvSummary>("csv_import", { kind, path, options }),
  // When each approved plan falls due for exercise: of a site, a region, or (both null) all.
  exerciseCalendar: (site: string | null, region: string | null, asOf: AsOf) =>
    call<ExerciseCalendar>("exercise_calendar", { site, region, asOf }),

  // The audit trail (read-only) and undo through it.
  history: (site: string | null, plan: string | null, limit: number | null) =>
    call<AuditEntry[]>("history", { site, plan, limit }),
  nextUndo: () => call<ChangeSet | null>("next_undo"),
  undo: () => call<UndoneChange | null>("undo"),

  // Stored readiness reviews (ISO 22301 §9.3): ids are small integers.
  listReviews: () => call<Review[]>("list_reviews"),
  startReview: (scope: ReviewScope, asOf: AsOf) => call<Review>("start_review", { scope, asOf }),
  reviewPage: (id: number) => call<ReviewPage>("review_page", { id }),
  addReviewItem: (review: number, kind: ReviewItemKind, text: string, owner: string | null, due: string | null) =>
    call<ReviewItem>("add_review_item", { review, kind, text, owner, due }),
  completeReviewAction: (action: number, done: AsOf, reopen = false) =>
    call<ReviewItem>("complete_review_action", { action, done, reopen }),
  signOffReview: (id: number, signedBy: string[]) => call<Review>("sign_off_review", { id, signedBy }),
  exportStoredReview: (id: number, path: string) => call<Exported>("export_stored_review", { id, path }),
};

export type Api = typeof api;
