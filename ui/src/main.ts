// Entry point: asks the shell for the sites, then their readiness, and renders them (or the
// error it returned). Exports open the native save dialog here, then the shell writes the PDF at
// the chosen path and answers with `{ path, pages, bytes }`.
import { invoke } from "@tauri-apps/api/core";
import { save } from "@tauri-apps/plugin-dialog";
import "./styles.css";
import { SiteListView } from "./render";
import { type SiteSummary, toAppError } from "./sites";
import {
  type Exported,
  type SiteReadiness,
  cardsFileName,
  describeExport,
  reviewFileName,
  runbookFileName,
} from "./readiness";

const PDF_FILTER = [{ name: "PDF document", extensions: ["pdf"] }];

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function start(): Promise<void> {
  const root = document.getElementById("app");
  const count = document.querySelector<HTMLElement>("[data-testid=site-count]");
  const bands = document.querySelector<HTMLElement>("[data-testid=band-summary]");
  const reviewButton = document.querySelector<HTMLButtonElement>("[data-testid=export-review]");
  if (!root || !count) throw new Error("index.html is missing #app or the site count");

  /** Asks where to save, then runs the export; a cancelled dialog does nothing. */
  async function exportPdf(
    title: string,
    defaultPath: string,
    run: (path: string) => Promise<Exported>,
  ): Promise<void> {
    let path: string | null;
    try {
      path = await save({ title, defaultPath, filters: PDF_FILTER });
    } catch (err) {
      view.notify({ kind: "error", text: `The save dialog failed: ${toAppError(err).message}` });
      return;
    }
    if (!path) return;
    view.notify({ kind: "busy", text: `Writing ${path}…` });
    try {
      view.notify({ kind: "done", text: describeExport(await run(path)) });
    } catch (err) {
      const e = toAppError(err);
      view.notify({ kind: "error", text: `[${e.code}] ${e.message}` });
    }
  }

  const view = new SiteListView(root, count, bands, {
    exportRunbook: (site) =>
      void exportPdf("Export runbook", runbookFileName(site), (path) =>
        invoke<Exported>("export_runbook", { target: site, path }),
      ),
    exportCards: (site) =>
      void exportPdf("Export role cards", cardsFileName(site), (path) =>
        invoke<Exported>("export_cards", { site, path }),
      ),
  });
  reviewButton?.addEventListener("click", () => {
    void exportPdf("Export readiness review", reviewFileName(today()), (path) =>
      invoke<Exported>("export_review", { path }),
    );
  });

  view.set({ status: "loading" });
  try {
    view.showSites(await invoke<SiteSummary[]>("list_sites"));
  } catch (err) {
    view.showError(toAppError(err));
    return;
  }
  try {
    view.showReadiness(await invoke<SiteReadiness[]>("readiness", { asOf: null }));
  } catch (err) {
    view.showReadinessError(toAppError(err));
  }
}

void start();
