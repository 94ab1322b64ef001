// What the app remembers between runs, in the web view's local storage: the last view, the
// dashboard's filters and the theme. Bad or old values fall back to the defaults.
import { NO_FILTERS, type Filters } from "./filters";

export type Theme = "system" | "light" | "dark";

export interface Prefs {
  hash: string;
  filters: Filters;
  theme: Theme;
}

const KEY = "continuum.prefs.v1";

export const DEFAULT_PREFS: Prefs = { hash: "#/", filters: NO_FILTERS, theme: "system" };

export function loadPrefs(storage: Pick<Storage, "getItem"> | null = safeStorage()): Prefs {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return DEFAULT_PREFS;
    const p = JSON.parse(raw) as Partial<Prefs>;
    const f = (p.filters ?? {}) as Partial<Filters>;
    return {
      hash: typeof p.hash === "string" && p.hash.startsWith("#/") ? p.hash : "#/",
      filters: {
        region: typeof f.region === "string" ? f.region : null,
        bands: Array.isArray(f.bands)
          ? f.bands.filter((b) => b === "ready" || b === "at_risk" || b === "not_ready")
          : [],
        tiers: Array.isArray(f.tiers) ? f.tiers.filter((t) => Number.isInteger(t)) : [],
      },
      theme: p.theme === "light" || p.theme === "dark" ? p.theme : "system",
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(prefs: Prefs, storage: Pick<Storage, "setItem"> | null = safeStorage()): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: remembering is a convenience, never a failure.
  }
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
