import { describe, expect, it } from "vitest";
import { reason, readiness } from "./fixtures";
import {
  componentSummary,
  countBands,
  describeExport,
  formatPoints,
  runbookFileName,
  cardsFileName,
  reviewFileName,
  statusLabel,
  topReason,
  topReasonText,
} from "./readiness";

describe("readiness helpers", () => {
  it("labels the bands in words", () => {
    expect(statusLabel("ready")).toBe("Ready");
    expect(statusLabel("at_risk")).toBe("At risk");
    expect(statusLabel("not_ready")).toBe("Not ready");
    expect(statusLabel("mystery")).toBe("mystery");
  });

  it("counts sites per band", () => {
    const sites = [
      readiness({ site_id: "a", score: 100, status: "ready" }),
      readiness({ site_id: "b", score: 90, status: "at_risk" }),
      readiness({ site_id: "c", score: 94, status: "at_risk" }),
      readiness({ site_id: "d", score: 80, status: "not_ready" }),
    ];
    expect(countBands(sites)).toEqual({ ready: 1, at_risk: 2, not_ready: 1 });
    expect(countBands([])).toEqual({ ready: 0, at_risk: 0, not_ready: 0 });
  });

  it("puts a blocker before the costliest reason, and says so when there is none", () => {
    const costly = reason({ code: "review_overdue", message: "review 5 months overdue", points: 45 });
    const blocker = reason({ code: "no_approved_plan", message: "no approved plan", severity: "blocker" });
    const site = readiness({ site_id: "dxb", score: 80, status: "not_ready", reasons: [costly, blocker], blockers: [blocker] });
    expect(topReason(site)).toBe(blocker);
    expect(topReasonText(readiness({ site_id: "x", score: 90, status: "at_risk", reasons: [costly] }))).toBe(
      "review 5 months overdue",
    );
    expect(topReason(readiness({ site_id: "ldn", score: 100, status: "ready" }))).toBeNull();
    expect(topReasonText(readiness({ site_id: "ldn", score: 100, status: "ready" }))).toBe("No gaps");
  });

  it("summarises components and points in words", () => {
    expect(componentSummary({ name: "plans", label: "Plans", score: 100, weight: 20, reasons: [] })).toBe("No gaps");
    const r = reason({ code: "x", message: "y" });
    expect(componentSummary({ name: "roles", label: "Roles", score: 50, weight: 20, reasons: [r] })).toBe("1 reason");
    expect(componentSummary({ name: "roles", label: "Roles", score: 0, weight: 20, reasons: [r, r] })).toBe("2 reasons");
    expect(formatPoints(45)).toBe("−45");
    expect(formatPoints(0)).toBe("0");
  });

  it("offers the CLI's file names and describes an export", () => {
    expect(runbookFileName("tokyo")).toBe("tokyo-runbook.pdf");
    expect(cardsFileName("tokyo")).toBe("tokyo-cards.pdf");
    expect(reviewFileName("2026-11-25")).toBe("readiness-review-2026-11-25.pdf");
    expect(describeExport({ path: "/home/me/tokyo-runbook.pdf", pages: 12, bytes: 97_000 })).toBe(
      "Wrote /home/me/tokyo-runbook.pdf (12 pages, 95 KB).",
    );
    expect(describeExport({ path: "/a.pdf", pages: 1, bytes: 10 })).toBe("Wrote /a.pdf (1 page, 1 KB).");
  });
});
