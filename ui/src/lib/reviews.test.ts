import { describe, expect, it } from "vitest";
import { actionProblem, parseScope, scopeLabel, signers, statusLine } from "./reviews";
import type { Review } from "../bindings/Review";

const review: Review = {
  id: 3,
  scope: { kind: "region", id: "emea" },
  scope_name: "EMEA",
  as_of: "2026-12-02",
  started_at: "2026-12-02T10:00:00.000Z",
  started_by: "Ada",
  status: "signed",
  signed_off_at: "2026-12-02T11:00:00.000Z",
  signed_by: ["Ada", "Grace"],
  decisions: 1,
  actions: 2,
  open_actions: 1,
};

describe("reviews", () => {
  it("parses the start form's scope", () => {
    expect(parseScope("portfolio")).toEqual({ kind: "portfolio" });
    expect(parseScope("region:emea")).toEqual({ kind: "region", id: "emea" });
    expect(parseScope("site:tokyo")).toEqual({ kind: "site", id: "tokyo" });
    expect(parseScope("site:")).toBeNull();
    expect(parseScope("team:x")).toBeNull();
  });
  it("labels scopes and status", () => {
    expect(scopeLabel(review)).toBe("Region EMEA");
    expect(statusLine(review)).toBe("Signed 2026-12-02 by Ada, Grace");
    expect(statusLine({ ...review, status: "open" })).toBe("Open");
  });
  it("checks an action and splits signers", () => {
    expect(actionProblem("", "Ken", "2027-01-01")).toMatch(/what/);
    expect(actionProblem("Buy", " ", "2027-01-01")).toMatch(/owner/);
    expect(actionProblem("Buy", "Ken", "2027-02-30")).toMatch(/due date/);
    expect(actionProblem("Buy", "Ken", "2027-01-01")).toBeNull();
    expect(signers("Ada Lovelace,\n Grace Hopper\n\n")).toEqual(["Ada Lovelace", "Grace Hopper"]);
  });
});
