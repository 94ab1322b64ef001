// Every command of the shell, in one place: its name and its argument names. Views call these,
// never `invoke` directly, so a renamed command or argument is a compile error here and a failing
// end-to-end test there (the e2e test calls each of them through the real IPC).
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { Dashboard } from "./bindings/Dashboard";
import type { ExportSummary } from "./bindings/ExportSummary";
import type { Exported } from "./bindings/Exported";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { Outlook } from "./bindings/Outlook";
import type { SearchHit } from "./bindings/SearchHit";
import type { SitePage } from "./bindings/SitePage";
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
  exportRunbook: (target: string, path: string) =>
    call<Exported>("export_runbook", { target, path }),
  exportCards: (site: string, path: string) => call<Exported>("export_cards", { site, path }),
  exportReview: (path: string, asOf: AsOf) => call<Exported>("export_review", { path, asOf }),
  importPlans: (folder: string) => call<ImportSummary>("import_plans", { folder }),
  exportPlans: (folder: string) => call<ExportSummary>("export_plans", { folder }),
  openDocument: (path: string) => call<null>("open_document", { path }),
};

export type Api = typeof api;
