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
import {
  type BandCounts,
  type Component,
  type Reason,
  type SiteReadiness,
  STATUSES,
  componentSummary,
  countBands,
  formatPoints,
  statusLabel,
  topReasonText,
} from "./readiness";

export type ViewState =
  | { status: "loading" }
  | { status: "error"; error: AppError }
  | {
      status: "ready";
      sites: SiteSummary[];
      sort: SortState;
      grouped: boolean;
      /** Readiness by site id; undefined while it loads. */
      readiness?: Map<string, SiteReadiness>;
      readinessError?: AppError | undefined;
      /** The site whose detail panel is open. */
      selected?: string | null;
      /** The outcome of the last export, shown in the detail panel. */
      notice?: Notice | null;
    };

export interface Notice {
  kind: "busy" | "done" | "error";
  text: string;
}

/** What the buttons of the detail panel do (main.ts opens the save dialog and calls the shell). */
export interface SiteActions {
  exportRunbook(siteId: string): void;
  exportCards(siteId: string): void;
}

const NO_ACTIONS: SiteActions = { exportRunbook() {}, exportCards() {} };

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

export function h<K extends keyof HTMLElementTagNameMap>(
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
    private readonly bandsEl: HTMLElement | null = null,
    private readonly actions: SiteActions = NO_ACTIONS,
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

  /** Readiness arrived: adds scores, pills and top reasons to the rows and the band counts. */
  showReadiness(sites: readonly SiteReadiness[]): void {
    const state = this.state;
    if (state.status !== "ready") return;
    this.set({ ...state, readiness: new Map(sites.map((s) => [s.site_id, s])), readinessError: undefined });
  }

  showReadinessError(error: AppError): void {
    const state = this.state;
    if (state.status === "ready") this.set({ ...state, readinessError: error });
  }

  /** Opens the detail panel of a site (null closes it). */
  select(siteId: string | null): void {
    const state = this.state;
    if (state.status === "ready") this.set({ ...state, selected: siteId, notice: null });
  }

  /** Shows how an export went, in the open detail panel or above the list. */
  notify(notice: Notice | null): void {
    const state = this.state;
    if (state.status === "ready") this.set({ ...state, notice });
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
      case "ready": {
        this.setCount(state.sites.length);
        this.setBands(state.readiness ? countBands([...state.readiness.values()]) : null);
        const readiness = state.readiness ?? null;
        const selected = state.selected ? (readiness?.get(state.selected) ?? null) : null;
        const site = state.selected ? state.sites.find((s) => s.id === state.selected) : undefined;
        this.root.replaceChildren(
          ...(state.sites.length === 0
            ? [renderEmpty()]
            : [
                this.renderToolbar(state.sites, state.grouped),
                ...(state.readinessError ? [renderReadinessError(state.readinessError)] : []),
                ...(!selected && state.notice ? [renderNotice(state.notice)] : []),
                renderTable(
                  state.sites,
                  state.sort,
                  state.grouped,
                  (key) => this.set({ ...state, sort: nextSort(state.sort, key) }),
                  readiness,
                  state.selected ?? null,
                  (id) => this.select(id),
                ),
                ...(selected && site
                  ? [renderDetail(site, selected, state.notice ?? null, this.actions, () => this.select(null))]
                  : []),
              ]),
        );
        break;
      }
    }
  }

  private setBands(counts: BandCounts | null): void {
    if (!this.bandsEl) return;
    this.bandsEl.hidden = counts === null;
    this.bandsEl.replaceChildren(...(counts ? renderBandCounts(counts) : []));
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
  readiness: ReadonlyMap<string, SiteReadiness> | null = null,
  selected: string | null = null,
  onSelect: (siteId: string) => void = () => {},
): HTMLTableElement {
  const columns = visibleColumns(grouped);
  const width = columns.length + READINESS_HEADERS.length;
  const row = (site: SiteSummary) => {
    const tr = renderRow(site, grouped, readiness);
    if (site.id === selected) tr.classList.add("selected");
    tr.addEventListener("click", () => onSelect(site.id));
    return tr;
  };
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
  for (const label of READINESS_HEADERS) {
    headRow.append(h("th", { scope: "col", class: "plain" }, h("span", { class: "th-label" }, label)));
  }

  const table = h("table", { class: "sites", "data-testid": "site-table" }, h("thead", {}, headRow));
  if (grouped) {
    for (const group of groupByRegion(sites, sort)) {
      const header = h(
        "tr",
        { class: "group-row" },
        h(
          "th",
          { scope: "colgroup", colspan: String(width) },
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
          ...group.sites.map(row),
        ),
      );
    }
  } else {
    table.append(h("tbody", {}, ...sortSites(sites, sort).map(row)));
  }
  return table;
}

/** The readiness columns (not sortable: readiness arrives after the list). */
export const READINESS_HEADERS = ["Readiness", "Top reason"] as const;

export function renderRow(
  site: SiteSummary,
  grouped: boolean,
  readiness: ReadonlyMap<string, SiteReadiness> | null = null,
): HTMLTableRowElement {
  const country = countryName(site.country);
  const r = readiness?.get(site.id);
  const attrs: Attrs = { "data-testid": "site-row", "data-site-id": site.id, "data-region": site.region };
  if (r) attrs["data-status"] = r.status;
  const top = r ? topReasonText(r) : "";
  return h(
    "tr",
    attrs,
    h("td", { class: "site-name", "data-testid": "site-name" }, site.name),
    h("td", {}, site.city),
    h("td", { title: site.country }, country),
    ...(grouped ? [] : [h("td", { class: "muted" }, site.region_name || site.region)]),
    h("td", {}, h("span", { class: `tier tier-${site.tier}` }, formatTier(site.tier))),
    h("td", { class: "num" }, formatCount(site.headcount)),
    h("td", { class: "num" }, formatCount(site.plans)),
    h("td", { class: "num" }, formatCount(site.people)),
    h(
      "td",
      { class: "readiness" },
      ...(r
        ? [h("span", { class: "score", "data-testid": "site-score" }, String(r.score)), renderPill(r.status)]
        : [h("span", { class: "muted" }, readiness ? "—" : "…")]),
    ),
    h("td", { class: "top-reason", title: top }, h("span", { "data-testid": "top-reason" }, top)),
  );
}

/** The coloured band: "Ready", "At risk", "Not ready". */
export function renderPill(status: string): HTMLElement {
  return h(
    "span",
    { class: `pill pill-${status.replace(/_/g, "-")}`, "data-testid": "status-pill", "data-status": status },
    statusLabel(status),
  );
}

/** Header summary: "1 not ready · 10 at risk · 10 ready", worst band first. */
export function renderBandCounts(counts: BandCounts): HTMLElement[] {
  return STATUSES.map((status) =>
    h(
      "span",
      { class: `band band-${status.replace(/_/g, "-")}`, "data-testid": "band-count", "data-status": status, "data-count": String(counts[status]) },
      h("span", { class: "band-dot", "aria-hidden": "true" }),
      `${counts[status]} ${statusLabel(status).toLowerCase()}`,
    ),
  );
}

export function renderReadinessError(error: AppError): HTMLElement {
  return h(
    "p",
    { class: "notice notice-error", role: "alert", "data-testid": "readiness-error", "data-error-code": error.code },
    `Readiness could not be assessed: ${error.message}`,
  );
}

export function renderNotice(notice: Notice): HTMLElement {
  return h(
    "p",
    {
      class: `notice notice-${notice.kind}`,
      role: notice.kind === "error" ? "alert" : "status",
      "data-testid": "export-status",
      "data-kind": notice.kind,
    },
    notice.text,
  );
}

function renderReason(reason: Reason): HTMLElement {
  return h(
    "li",
    { class: `reason severity-${reason.severity}`, "data-testid": "reason", "data-code": reason.code },
    h("span", { class: "reason-points" }, formatPoints(reason.points)),
    h("span", { class: "reason-message" }, reason.message),
  );
}

function renderComponent(c: Component): HTMLElement {
  return h(
    "li",
    { class: "component", "data-testid": "component", "data-component": c.name },
    h(
      "div",
      { class: "component-head" },
      h("span", { class: "component-label" }, c.label),
      h("span", { class: "component-meta" }, `${componentSummary(c)} · weight ${c.weight}`),
      h("span", { class: `component-score${c.score < 80 ? " low" : ""}`, "data-testid": "component-score" }, String(c.score)),
    ),
    ...(c.reasons.length ? [h("ul", { class: "reasons" }, ...c.reasons.map(renderReason))] : []),
  );
}

/** The detail panel of a site: band and why, every component with its reasons, the exports. */
export function renderDetail(
  site: SiteSummary,
  r: SiteReadiness,
  notice: Notice | null,
  actions: SiteActions,
  onClose: () => void,
): HTMLElement {
  const close = h("button", { type: "button", class: "close", "data-testid": "detail-close", "aria-label": "Close" }, "×");
  close.addEventListener("click", onClose);
  const busy = notice?.kind === "busy";
  const runbook = h("button", { type: "button", class: "btn primary", "data-testid": "export-runbook" }, "Export runbook");
  runbook.addEventListener("click", () => actions.exportRunbook(site.id));
  const cards = h("button", { type: "button", class: "btn", "data-testid": "export-cards" }, "Role cards");
  cards.addEventListener("click", () => actions.exportCards(site.id));
  runbook.disabled = busy;
  cards.disabled = busy;
  return h(
    "aside",
    { class: "detail", "data-testid": "site-detail", "data-site-id": site.id, "aria-label": `${site.name} readiness` },
    h(
      "div",
      { class: "detail-head" },
      h(
        "div",
        {},
        h("h2", { "data-testid": "detail-name" }, site.name),
        h("p", { class: "muted" }, `${site.region_name || site.region} · ${formatTier(site.tier)} · as of ${r.as_of}`),
      ),
      close,
    ),
    h(
      "div",
      { class: "detail-score" },
      h("span", { class: "big-score", "data-testid": "detail-score" }, String(r.score)),
      renderPill(r.status),
    ),
    h("p", { class: "status-reason", "data-testid": "status-reason" }, r.status_reason),
    ...(r.blockers.length
      ? [
          h(
            "div",
            { class: "blockers", "data-testid": "blockers" },
            h("h3", {}, "Blockers"),
            h("ul", { class: "reasons" }, ...r.blockers.map(renderReason)),
          ),
        ]
      : []),
    h("div", { class: "detail-actions" }, runbook, cards),
    ...(notice ? [renderNotice(notice)] : []),
    h("h3", {}, "Components"),
    h("ul", { class: "components", "data-testid": "components" }, ...r.components.map(renderComponent)),
  );
}
