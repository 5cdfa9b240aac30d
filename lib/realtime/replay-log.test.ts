import { describe, expect, test } from "vitest";
import { parseEventId, type EventId } from "./event-id";
import { ReplayLog } from "./replay-log";

const entry = (id: string) => ({ id: parseEventId(id)!, name: id });
const names = (entries: { name: string }[]) => entries.map((e) => e.name);
const id = (text: string): EventId => parseEventId(text)!;

describe("ReplayLog", () => {
  test.each<[string, string[], string, string[]]>([
    ["everything after an id", ["1000-0", "1000-1", "2000-0"], "1000-0", ["1000-1", "2000-0"]],
    ["nothing after the newest", ["1000-0", "2000-0"], "2000-0", []],
    ["an id between entries", ["1000-0", "3000-0"], "2000-5", ["3000-0"]],
    ["out-of-order appends are kept in id order", ["3000-0", "1000-0", "2000-0"], "0-0", ["1000-0", "2000-0", "3000-0"]],
    ["a duplicate id is kept once", ["1000-0", "1000-0"], "0-0", ["1000-0"]],
    ["beyond maxEvents the oldest go", ["1000-0", "1001-0", "1002-0", "1003-0", "1004-0"], "0-0", ["1001-0", "1002-0", "1003-0", "1004-0"]],
  ])("%s", (_name, appended, after, want) => {
    const log = new ReplayLog<ReturnType<typeof entry>>(4, 60_000);
    for (const text of appended) log.append(entry(text), 5_000);
    expect(names(log.after(id(after), 5_000))).toEqual(want);
  });

  test("entries older than maxAgeMs are not replayed", () => {
    const log = new ReplayLog<ReturnType<typeof entry>>(100, 1_000);
    log.append(entry("1000-0"), 1_000);
    log.append(entry("1500-0"), 1_500);
    expect(names(log.after(id("0-0"), 2_200))).toEqual(["1500-0"]);
    expect(log.size).toBe(1);
  });

  test.each<[string, number, string[], string, boolean]>([
    ["empty log covers nothing", 10, [], "1000-0", false],
    ["an id before the first seen is not covered", 10, ["2000-0", "3000-0"], "1000-0", false],
    ["the first seen id is covered", 10, ["2000-0", "3000-0"], "2000-0", true],
    ["a later id is covered", 10, ["2000-0", "3000-0"], "2500-0", true],
    ["an id the log evicted past is not covered", 1, ["1000-0", "1001-0", "1002-0"], "1000-0", false],
    ["the last evicted id itself is covered", 1, ["1000-0", "1001-0", "1002-0"], "1001-0", true],
  ])("covers: %s", (_name, maxEvents, appended, after, want) => {
    const log = new ReplayLog<ReturnType<typeof entry>>(maxEvents, 60_000);
    for (const text of appended) log.append(entry(text), 2_000);
    expect(log.covers(id(after))).toBe(want);
  });
});
