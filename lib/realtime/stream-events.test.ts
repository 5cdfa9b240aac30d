import { describe, expect, test } from "vitest";
import { CHANNELS, type StreamChannel } from "@/lib/market/events";
import {
  canSee,
  planSignalReleases,
  tierAllows,
  toReleaseMessage,
  toStreamItem,
  type DiscreteBusChannel,
  type StreamViewer,
} from "./stream-events";

describe("toStreamItem", () => {
  test.each<[string, DiscreteBusChannel, unknown, unknown]>([
    [
      "a signal with its tier and time",
      CHANNELS.signals,
      { signal: { id: "s1", minTier: "pro", createdAt: "2026-01-02T03:04:05.000Z" } },
      { channel: "signals", event: "signal", userId: null, minTier: "pro", createdAtMs: Date.parse("2026-01-02T03:04:05.000Z") },
    ],
    ["a signal without a tier is for everyone", CHANNELS.signals, { signal: { id: "s1" } }, { channel: "signals", minTier: "free", createdAtMs: null }],
    ["an unknown tier fails closed", CHANNELS.signals, { signal: { minTier: "gold" } }, { minTier: "vip" }],
    ["a pump", CHANNELS.pumps, { pump: { id: "p1", createdAt: 5 } }, { channel: "pumps", event: "pump", createdAtMs: 5 }],
    [
      "a notification belongs to its user",
      CHANNELS.notifications,
      { userId: "u1", notification: { id: "n1", createdAt: new Date(7) } },
      { channel: "notifications", event: "notification", userId: "u1", createdAtMs: 7 },
    ],
    ["a notification's own userId is used when the envelope lacks one", CHANNELS.notifications, { notification: { userId: "u2" } }, { userId: "u2" }],
    ["a notification without an owner is dropped", CHANNELS.notifications, { notification: { id: "n1" } }, null],
    ["the wrong field is dropped", CHANNELS.signals, { pump: {} }, null],
    ["not an object", CHANNELS.pumps, "pump", null],
    ["null", CHANNELS.pumps, null, null],
    ["an array payload", CHANNELS.signals, { signal: [] }, null],
    ["a release copy", CHANNELS.signals, { signal: { id: "s1" }, release: { delayMinutes: 5, at: 9 } }, { release: { delayMinutes: 5, atMs: 9 } }],
    ["a release with a zero delay is dropped", CHANNELS.signals, { signal: {}, release: { delayMinutes: 0, at: 9 } }, null],
    ["a malformed release is dropped", CHANNELS.signals, { signal: {}, release: { delayMinutes: 5 } }, null],
    ["a release on another channel is dropped", CHANNELS.pumps, { pump: {}, release: { delayMinutes: 5, at: 9 } }, null],
  ])("%s", (_name, channel, message, want) => {
    const item = toStreamItem(channel, message);
    if (want === null) expect(item).toBeNull();
    else expect(item).toMatchObject(want as object);
  });
});

describe("tierAllows", () => {
  test.each([
    ["free", "free", true],
    ["free", "pro", false],
    ["pro", "free", true],
    ["premium", "vip", false],
    ["vip", "premium", true],
    ["vip", "vip", true],
  ] as const)("%s may see %s: %s", (tier, minTier, want) => {
    expect(tierAllows(tier, minTier)).toBe(want);
  });
});

describe("canSee", () => {
  const viewer = (channels: StreamChannel[], tier: StreamViewer["tier"] = "free"): StreamViewer => ({ userId: "u1", tier, channels: new Set(channels) });
  const signal = (minTier: string) => toStreamItem(CHANNELS.signals, { signal: { minTier } })!;
  const released = (minTier: string, delayMinutes: number) =>
    toStreamItem(CHANNELS.signals, { signal: { minTier }, release: { delayMinutes, at: 0 } })!;
  const note = (userId: string) => toStreamItem(CHANNELS.notifications, { userId, notification: {} })!;
  test.each([
    ["own notification", viewer(["notifications"]), note("u1"), true],
    ["another user's notification", viewer(["notifications"]), note("u2"), false],
    ["own notification, channel not asked for", viewer(["signals"]), note("u1"), false],
    ["free signal as published, for a premium user", viewer(["signals"], "premium"), signal("free"), true],
    ["free signal as published, for a free user (30 min delay)", viewer(["signals"]), signal("free"), false],
    ["free signal released after 30 min, for a free user", viewer(["signals"]), released("free", 30), true],
    ["free signal released after 5 min, for a free user", viewer(["signals"]), released("free", 5), false],
    ["free signal released after 5 min, for a pro user", viewer(["signals"], "pro"), released("free", 5), true],
    ["free signal released after 30 min, for a vip", viewer(["signals"], "vip"), released("free", 30), false],
    ["pro signal released after 30 min, for a free user", viewer(["signals"]), released("pro", 30), false],
    ["pro signal for a free user", viewer(["signals"]), signal("pro"), false],
    ["pro signal for a vip", viewer(["signals"], "vip"), signal("pro"), true],
    ["signal, channel not asked for", viewer(["tickers", "pumps"], "vip"), signal("free"), false],
    ["pump", viewer(["pumps"]), toStreamItem(CHANNELS.pumps, { pump: {} })!, true],
  ])("%s", (_name, who, item, want) => {
    expect(canSee(who, item, 0)).toBe(want);
  });
});

describe("signal delays", () => {
  const createdAt = Date.parse("2026-03-01T10:00:00.000Z");
  const item = (minTier: string, extra: Record<string, unknown> = {}) =>
    toStreamItem(CHANNELS.signals, { signal: { id: "s1", minTier, createdAt: new Date(createdAt).toISOString() }, ...extra })!;

  test.each([
    ["free", [5, 30]],
    ["pro", [5]],
    ["premium", []],
    ["vip", []],
  ] as const)("a %s signal is released for the delays %j", (minTier, delays) => {
    expect(planSignalReleases(item(minTier), 0)).toEqual(delays.map((delayMinutes) => ({ delayMinutes, atMs: createdAt + delayMinutes * 60_000 })));
  });

  test("a signal without a time is delayed from when it arrived; pumps and release copies have no releases", () => {
    const untimed = toStreamItem(CHANNELS.signals, { signal: { minTier: "pro" } })!;
    expect(planSignalReleases(untimed, 1_000)).toEqual([{ delayMinutes: 5, atMs: 1_000 + 300_000 }]);
    expect(planSignalReleases(toStreamItem(CHANNELS.pumps, { pump: { createdAt } })!, 0)).toEqual([]);
    expect(planSignalReleases(item("free", { release: { delayMinutes: 5, at: createdAt + 300_000 } }), 0)).toEqual([]);
  });

  test("a release copy reads back as itself and is not visible before it is due", () => {
    const [release] = planSignalReleases(item("free"), 0);
    const copy = toStreamItem(CHANNELS.signals, toReleaseMessage({ signal: { id: "s1", minTier: "free", createdAt: new Date(createdAt).toISOString() } }, release!))!;
    expect(copy.release).toEqual(release);
    const pro: StreamViewer = { userId: "u1", tier: "pro", channels: new Set(["signals"]) };
    expect(canSee(pro, copy, createdAt + 299_999)).toBe(false);
    expect(canSee(pro, copy, createdAt + 300_000)).toBe(true);
  });
});
