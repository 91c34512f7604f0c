import { eligibleStaff, type RoutingFacts } from "../../../server/src/channels/routing";

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  active: new Set(["a", "b", "c", "night"]),
  addsToday: new Map(),
  workingTime: true,
  ...over,
});

test("round robin lists every active member of the pool under the cap", () => {
  expect(eligibleStaff(["a", "b", "gone"], { kind: "round_robin" }, facts())).toEqual(["a", "b"]);
  expect(eligibleStaff(["a", "b"], { kind: "round_robin", dailyCap: 3 }, facts({ addsToday: new Map([["a", 3]]) }))).toEqual(["b"]);
});

test("least loaded keeps only those with the fewest adds today", () => {
  const addsToday = new Map([["a", 2], ["b", 1], ["c", 1]]);
  expect(eligibleStaff(["a", "b", "c"], { kind: "least_loaded" }, facts({ addsToday }))).toEqual(["b", "c"]);
});

test("outside working hours only the fallback takes customers", () => {
  const rule = { kind: "working_hours" as const, fallbackStaff: "night" };
  expect(eligibleStaff(["a", "b", "night"], rule, facts({ workingTime: true }))).toEqual(["a", "b", "night"]);
  expect(eligibleStaff(["a", "b", "night"], rule, facts({ workingTime: false }))).toEqual(["night"]);
});

test("when everyone is capped the fallback takes over, and without one the list is never empty", () => {
  const addsToday = new Map([["a", 1], ["b", 1]]);
  expect(eligibleStaff(["a", "b", "night"], { kind: "round_robin", dailyCap: 1, fallbackStaff: "night" }, facts({ addsToday: new Map([...addsToday, ["night", 1]]) }))).toEqual(["night"]);
  expect(eligibleStaff(["a", "b"], { kind: "round_robin", dailyCap: 1 }, facts({ addsToday }))).toEqual(["a", "b"]);
  expect(eligibleStaff(["gone"], { kind: "round_robin" }, facts())).toEqual([]);
});
