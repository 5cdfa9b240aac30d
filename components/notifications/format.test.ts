import { describe, expect, test } from "vitest";
import { formatRelativeTime, toNotificationView } from "./format";

const NOW = Date.UTC(2025, 5, 10, 12);

describe("formatRelativeTime", () => {
  test.each([
    [NOW - 10_000, "just now"],
    [NOW - 5 * 60_000, "5 min ago"],
    [NOW - 3 * 3_600_000, "3 h ago"],
    [NOW - 2 * 86_400_000, "2 d ago"],
    [NOW - 30 * 86_400_000, "May 11, 2025"],
  ])("%i", (ms, want) => {
    expect(formatRelativeTime(new Date(ms).toISOString(), NOW)).toBe(want);
  });
  test("invalid input", () => expect(formatRelativeTime("nope", NOW)).toBe(""));
});

test("toNotificationView keeps the API shape and rejects malformed events", () => {
  expect(toNotificationView({ id: "n1", userId: "u", type: "alert", title: "T", body: "B", data: { a: 1 }, readAt: null, createdAt: "2025-06-10T12:00:00.000Z", updatedAt: "x" })).toEqual({
    id: "n1",
    type: "alert",
    title: "T",
    body: "B",
    data: { a: 1 },
    readAt: null,
    createdAt: "2025-06-10T12:00:00.000Z",
  });
  expect(toNotificationView({ title: "no id" })).toBeNull();
  expect(toNotificationView("x")).toBeNull();
});
