// DOM rendering of the site list. Everything is built with createElement/textContent (never
// innerHTML), so names from plan files cannot inject markup, and nothing needs inline styles,
// which the CSP forbids. Elements that tests look for carry data-testid attributes.

import {
  type AppError,
  type SiteSummary,
  type SortKey,
  type SortState,
  countryName,
  formatCount,
  formatSiteCount,
  formatTier,
  groupByRegion,
  nextSort,
  sortSites,
} from "./sites";

export type ViewState =
  | { status: "loading" }
  | { status: "error"; error: AppError }
  | { status: "ready"; sites: SiteSummary[]; sort: SortState; grouped: boolean };

interface Column {
  key: SortKey;
  label: string;
  numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: "name", label: "Site" },
  { key: "city", label: "City" },
  { key: "country", label: "Country" },
  { key: "region", label: "Region" },
  { key: "tier", label: "Tier" },
  { key: "headcount", label: "Headcount", numeric: true },
  { key: "plans", label: "Plans", numeric: true },
  { key: "people", label: "People", numeric: true },
];

/** Grouped by region, the region column would repeat its group header, so it is left out. */
export function visibleColumns(grouped: boolean): readonly Column[] {
  return grouped ? COLUMNS.filter((c) => c.key !== "region") : COLUMNS;
}

export const DEFAULT_SORT: SortState = { key: "name", dir: "asc" };

type Attrs = Record<string, string>;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** The list, its header count and its controls; re-renders itself when sorting or grouping changes. */
export class SiteListView {
  private state: ViewState = { status: "loading" };

  constructor(
    private readonly root: HTMLElement,
    private readonly countEl: HTMLElement,
  ) {}

  get current(): ViewState {
    return this.state;
  }

  showSites(sites: SiteSummary[]): void {
    this.set({ status: "ready", sites, sort: DEFAULT_SORT, grouped: true });
  }

  showError(error: AppError): void {
    this.set({ status: "error", error });
  }

  set(state: ViewState): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const state = this.state;
    this.root.dataset.state = state.status;
    switch (state.status) {
      case "loading":
        this.setCount(null);
        this.root.replaceChildren(h("p", { class: "status", "data-testid": "loading" }, "Loading sites…"));
        break;
      case "error":
        this.setCount(null);
        this.root.replaceChildren(renderError(state.error));
        break;
      case "ready":
        this.setCount(state.sites.length);
        this.root.replaceChildren(
          ...(state.sites.length === 0
            ? [renderEmpty()]
            : [
                this.renderToolbar(state.sites, state.grouped),
                renderTable(state.sites, state.sort, state.grouped, (key) =>
                  this.set({ ...state, sort: nextSort(state.sort, key) }),
                ),
              ]),
        );
        break;
    }
  }

  private setCount(n: number | null): void {
    this.countEl.dataset.count = n === null ? "" : String(n);
    this.countEl.textContent = n === null ? "" : formatSiteCount(n);
    this.countEl.hidden = n === null;
  }

  private renderToolbar(sites: SiteSummary[], grouped: boolean): HTMLElement {
    const state = this.state;
    const toggle = h("input", { type: "checkbox", "data-testid": "group-toggle" });
    toggle.checked = grouped;
    toggle.addEventListener("change", () => {
      if (state.status === "ready") this.set({ ...state, grouped: toggle.checked });
    });
    return h(
      "div",
      { class: "toolbar" },
      h(
        "div",
        { class: "toolbar-title" },
        h("h2", {}, "Sites"),
        h("p", { class: "summary", "data-testid": "site-summary" }, summarize(sites)),
      ),
      h("label", { class: "toggle" }, toggle, h("span", {}, "Group by region")),
    );
  }
}

/** "18 sites in 4 regions · 23,450 headcount". */
export function summarize(sites: readonly SiteSummary[]): string {
  const regions = new Set(sites.map((s) => s.region)).size;
  const headcount = sites.reduce((sum, s) => sum + s.headcount, 0);
  const regionText = `${regions} ${regions === 1 ? "region" : "regions"}`;
  return `${formatSiteCount(sites.length)} in ${regionText} · ${formatCount(headcount)} headcount`;
}

export function renderError(error: AppError): HTMLElement {
  return h(
    "section",
    { class: "panel error", role: "alert", "data-testid": "error", "data-error-code": error.code },
    h("h2", {}, "Could not load sites"),
    h(
      "p",
      { class: "error-line" },
      h("code", { class: "error-code", "data-testid": "error-code" }, error.code),
      h("span", { class: "error-message", "data-testid": "error-message" }, error.message),
    ),
  );
}

export function renderEmpty(): HTMLElement {
  return h(
    "section",
    { class: "panel empty", "data-testid": "empty-state" },
    h("h2", {}, "No sites yet"),
    h("p", {}, "The database has no sites. Import plan files and they will be listed here, grouped by region."),
  );
}

export function renderTable(
  sites: readonly SiteSummary[],
  sort: SortState,
  grouped: boolean,
  onSort: (key: SortKey) => void,
): HTMLTableElement {
  const columns = visibleColumns(grouped);
  const headRow = h("tr");
  for (const col of columns) {
    const active = sort.key === col.key;
    const button = h(
      "button",
      { type: "button", class: "sort", "data-sort-key": col.key },
      col.label,
      h("span", { class: "sort-indicator", "aria-hidden": "true" }, active ? (sort.dir === "asc" ? "▲" : "▼") : ""),
    );
    button.addEventListener("click", () => onSort(col.key));
    const attrs: Attrs = { scope: "col" };
    if (col.numeric) attrs["class"] = "num";
    if (active) attrs["aria-sort"] = sort.dir === "asc" ? "ascending" : "descending";
    headRow.append(h("th", attrs, button));
  }

  const table = h("table", { class: "sites", "data-testid": "site-table" }, h("thead", {}, headRow));
  if (grouped) {
    for (const group of groupByRegion(sites, sort)) {
      const header = h(
        "tr",
        { class: "group-row" },
        h(
          "th",
          { scope: "colgroup", colspan: String(columns.length) },
          h("span", { class: "group-name" }, group.regionName),
          h(
            "span",
            { class: "group-meta" },
            `${formatSiteCount(group.sites.length)} · ${formatCount(group.headcount)} headcount`,
          ),
        ),
      );
      table.append(
        h(
          "tbody",
          { "data-testid": "region-group", "data-region": group.region },
          header,
          ...group.sites.map((site) => renderRow(site, grouped)),
        ),
      );
    }
  } else {
    table.append(h("tbody", {}, ...sortSites(sites, sort).map((site) => renderRow(site, grouped))));
  }
  return table;
}

export function renderRow(site: SiteSummary, grouped: boolean): HTMLTableRowElement {
  const country = countryName(site.country);
  return h(
    "tr",
    { "data-testid": "site-row", "data-site-id": site.id, "data-region": site.region },
    h("td", { class: "site-name", "data-testid": "site-name" }, site.name),
    h("td", {}, site.city),
    h("td", { title: site.country }, country),
    ...(grouped ? [] : [h("td", { class: "muted" }, site.region_name || site.region)]),
    h("td", {}, h("span", { class: `tier tier-${site.tier}` }, formatTier(site.tier))),
    h("td", { class: "num" }, formatCount(site.headcount)),
    h("td", { class: "num" }, formatCount(site.plans)),
    h("td", { class: "num" }, formatCount(site.people)),
  );
}
