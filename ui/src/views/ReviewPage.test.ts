import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ReviewPage from "./ReviewPage.svelte";
import Reviews from "./Reviews.svelte";
import type { ReviewPage as Page } from "../bindings/ReviewPage";
import type { Review } from "../bindings/Review";

const review: Review = {
  id: 2,
  scope: { kind: "site", id: "tokyo" },
  scope_name: "Tokyo",
  as_of: "2026-12-02",
  started_at: "2026-12-02T09:00:00.000Z",
  started_by: "Ada",
  status: "open",
  signed_off_at: null,
  signed_by: [],
  decisions: 0,
  actions: 0,
  open_actions: 0,
};

function page(over: Partial<Review> = {}): Page {
  return {
    review: { ...review, ...over },
    decisions: [],
    actions: [],
    previous: {
      review: { ...review, id: 1, as_of: "2026-09-01", status: "signed" },
      actions: [
        {
          id: 5, review_id: 1, kind: "action", text: "Retest the call tree", owner: "Ken", due: "2026-10-01",
          done: null, state: "overdue", recorded_at: "2026-09-01T09:00:00.000Z", recorded_by: "Ada",
        },
      ],
    },
    inputs: {
      since: "2026-09-01",
      counts: { ready: 0, at_risk: 1, not_ready: 0 },
      average_score: 72,
      improved: 0,
      worsened: 1,
      sites: [
        { site_id: "tokyo", site_name: "Tokyo", region_name: "APAC", score: 72, status: "at_risk", status_reason: "Training lapsed", change: -6, since: "2026-09-01" },
      ],
      exercises: [],
      corrective_actions: [],
      expiring_training: [],
      changes: [],
      changes_total: 0,
    },
  };
}

function setup(p: Page) {
  const props = {
    page: p,
    load: vi.fn(async () => p),
    addItem: vi.fn(async () => p.previous!.actions[0]!),
    completeAction: vi.fn(async () => p.previous!.actions[0]!),
    signOff: vi.fn(async () => p.review),
    onexport: vi.fn(),
  };
  render(ReviewPage, { props });
  return props;
}

describe("ReviewPage", () => {
  it("shows the previous review's actions with their status", () => {
    setup(page());
    const row = screen.getByTestId("review-previous-actions").querySelector("[data-testid=review-action]")!;
    expect(row.getAttribute("data-state")).toBe("overdue");
    expect(row.textContent).toContain("Retest the call tree");
  });

  it("checks an action before recording it, and signs off with every name", async () => {
    const props = setup(page());
    await fireEvent.input(screen.getByTestId("review-action-text"), { target: { value: "Buy fuel" } });
    await fireEvent.submit(screen.getByTestId("review-act"));
    expect(props.addItem).not.toHaveBeenCalled();
    expect(screen.getByTestId("review-error").textContent).toMatch(/owner/);

    await fireEvent.input(screen.getByTestId("review-signers"), { target: { value: "Ada\nGrace, Ken" } });
    await fireEvent.submit(screen.getByTestId("review-sign-off"));
    expect(props.signOff).toHaveBeenCalledWith(2, ["Ada", "Grace", "Ken"]);
    expect(props.load).toHaveBeenCalledWith(2);
  });

  it("a signed review has no forms but its sign-off", () => {
    setup(page({ status: "signed", signed_off_at: "2026-12-02T11:30:00.000Z", signed_by: ["Ada"] }));
    expect(screen.queryByTestId("review-decide")).toBeNull();
    expect(screen.queryByTestId("review-act")).toBeNull();
    expect(screen.getByTestId("review-signed").textContent).toContain("2026-12-02 11:30 UTC by Ada");
  });
});

describe("Reviews", () => {
  it("lists reviews and starts one for the chosen scope", async () => {
    const start = vi.fn(async () => ({ ...review, id: 9 }));
    const onopen = vi.fn();
    render(Reviews, {
      props: {
        reviews: [review],
        regions: [{ id: "apac", name: "APAC" }],
        sites: [{ id: "tokyo", name: "Tokyo" }],
        asOf: "2026-12-02",
        start,
        onopen,
      },
    });
    expect(screen.getAllByTestId("review-row")).toHaveLength(1);
    await fireEvent.change(screen.getByTestId("review-scope"), { target: { value: "region:apac" } });
    await fireEvent.submit(screen.getByTestId("review-start"));
    expect(start).toHaveBeenCalledWith({ kind: "region", id: "apac" }, "2026-12-02");
    await vi.waitFor(() => expect(onopen).toHaveBeenCalledWith(9));
  });
});
