import { describe, expect, test } from "vitest";
import { CHANNELS, type StreamChannel } from "@/lib/market/events";
import { canSee, tierAllows, toStreamItem, type DiscreteBusChannel, type StreamViewer } from "./stream-events";

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
  const note = (userId: string) => toStreamItem(CHANNELS.notifications, { userId, notification: {} })!;
  test.each([
    ["own notification", viewer(["notifications"]), note("u1"), true],
    ["another user's notification", viewer(["notifications"]), note("u2"), false],
    ["own notification, channel not asked for", viewer(["signals"]), note("u1"), false],
    ["free signal for a free user", viewer(["signals"]), signal("free"), true],
    ["pro signal for a free user", viewer(["signals"]), signal("pro"), false],
    ["pro signal for a vip", viewer(["signals"], "vip"), signal("pro"), true],
    ["signal, channel not asked for", viewer(["tickers", "pumps"], "vip"), signal("free"), false],
    ["pump", viewer(["pumps"]), toStreamItem(CHANNELS.pumps, { pump: {} })!, true],
  ])("%s", (_name, who, item, want) => {
    expect(canSee(who, item, 0)).toBe(want);
  });
});
