import { describe, expect, test } from "vitest";
import { compareEventIds, createEventIdGenerator, formatEventId, parseEventId } from "./event-id";

describe("parseEventId", () => {
  test.each([
    ["1700000000000-0", { ms: 1_700_000_000_000, seq: 0 }],
    [" 5-12 ", { ms: 5, seq: 12 }],
    ["0-0", { ms: 0, seq: 0 }],
    ["", null],
    [null, null],
    [undefined, null],
    ["17", null],
    ["a-1", null],
    ["1-2-3", null],
    ["-1-0", null],
    ["99999999999999999-0", null],
  ])("%j", (text, want) => {
    expect(parseEventId(text)).toEqual(want);
  });

  test("format round-trips", () => {
    expect(formatEventId(parseEventId("1700000000000-7")!)).toBe("1700000000000-7");
  });
});

describe("compareEventIds", () => {
  test.each([
    ["1-0", "2-0", -1],
    ["2-0", "1-5", 1],
    ["3-1", "3-2", -1],
    ["3-2", "3-2", 0],
    ["10-0", "9-99", 1],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareEventIds(parseEventId(a)!, parseEventId(b)!))).toBe(sign);
  });
});

describe("createEventIdGenerator", () => {
  test.each<[string, ([string, number] | ["observe", string])[], string[]]>([
    ["follows the clock", [["next", 100], ["next", 200]], ["100-0", "200-0"]],
    ["same ms counts up", [["next", 100], ["next", 100], ["next", 100]], ["100-0", "100-1", "100-2"]],
    ["clock going back never goes back", [["next", 200], ["next", 100]], ["200-0", "200-1"]],
    ["an observed id pushes it forward", [["observe", "500-4"], ["next", 100]], ["500-5"]],
    ["an older observed id changes nothing", [["next", 300], ["observe", "100-0"], ["next", 300]], ["300-0", "300-1"]],
  ])("%s", (_name, steps, want) => {
    const ids = createEventIdGenerator();
    const got: string[] = [];
    for (const [op, arg] of steps) {
      if (op === "observe") ids.observe(parseEventId(arg as string)!);
      else got.push(formatEventId(ids.next(arg as number)));
    }
    expect(got).toEqual(want);
  });
});
