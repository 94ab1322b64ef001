// Entry point: asks the shell for the sites once and renders them (or the error it returned).
import { invoke } from "@tauri-apps/api/core";
import "./styles.css";
import { SiteListView } from "./render";
import { type SiteSummary, toAppError } from "./sites";

async function start(): Promise<void> {
  const root = document.getElementById("app");
  const count = document.querySelector<HTMLElement>("[data-testid=site-count]");
  if (!root || !count) throw new Error("index.html is missing #app or the site count");
  const view = new SiteListView(root, count);
  view.set({ status: "loading" });
  try {
    view.showSites(await invoke<SiteSummary[]>("list_sites"));
  } catch (err) {
    view.showError(toAppError(err));
  }
}

void start();
