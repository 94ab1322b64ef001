// Entry point: mounts the app. Everything else lives in App.svelte and the views.
import { mount } from "svelte";
import App from "./App.svelte";
import { api, type Api } from "./api";
import "./styles.css";

declare global {
  interface Window {
    /** The typed command wrappers, for the end-to-end test to call every command through. */
    continuumApi: Api;
    /** What the UI does after a native dialog, for the end-to-end test (which cannot click one). */
    continuumUi: {
      importFrom: (folder: string) => Promise<void>;
      /** The file the next "Choose a file…" of the CSV wizard takes instead of opening the dialog. */
      nextCsvFile: string | null;
    };
    /** The map's markers as drawn (page coordinates), for the end-to-end test and the benchmark. */
    continuumMap?: { markers: () => { site: string; status: string; colour: string; x: number; y: number }[] };
  }
}
// It adds nothing to what the page can already do (the IPC bridge is there for every script of
// the page, and the CSP admits only the app's own), but lets tests call `api` by its own names.
window.continuumApi = api;

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
mount(App, { target });
