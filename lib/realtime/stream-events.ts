// Discrete stream events (signal, pump, notification): what a bus message becomes, and who may see it.
// Pure.
//
// Tier delays (lib/tiers.ts signalDelayMinutes): a signal is written to the stream once per delay class.
// The bus message itself (no `release`) is for the tiers without a delay; for each positive delay of a
// tier allowed to see it, the hub later logs and sends a "release" copy ({ ...message, release:
// { delayMinutes, at } }) at createdAt + delay, with a fresh event id. Each viewer therefore gets
// exactly one copy, when it becomes visible to them, and Last-Event-ID resumes stay in id order.
import type { UserTier } from "@/lib/auth/tokens";
import { CHANNELS, type StreamChannel } from "@/lib/market/events";
import { TIER_LIMITS, TIERS } from "@/lib/tiers";

export type DiscreteChannel = Exclude<StreamChannel, "tickers">;
export type DiscreteEventName = "signal" | "pump" | "notification";

export const DISCRETE_CHANNELS = {
  [CHANNELS.signals]: { channel: "signals", event: "signal", field: "signal" },
  [CHANNELS.pumps]: { channel: "pumps", event: "pump", field: "pump" },
  [CHANNELS.notifications]: { channel: "notifications", event: "notification", field: "notification" },
} as const satisfies Record<string, { channel: DiscreteChannel; event: DiscreteEventName; field: string }>;

export type DiscreteBusChannel = keyof typeof DISCRETE_CHANNELS;

export type StreamItem = {
  channel: DiscreteChannel;
  event: DiscreteEventName;
  /** Sent as the event's data. */
  payload: Record<string, unknown>;
  /** Notifications: the only user who may see it. */
  userId: string | null;
  /** Signals and pumps: the lowest tier that may see it. */
  minTier: UserTier;
  createdAtMs: number | null;
  /** Signals: null for the message as published; set on a copy the hub releases for a delayed tier. */
  release: SignalRelease | null;
};

export type SignalRelease = { delayMinutes: number; atMs: number };

export type StreamViewer = { userId: string; tier: UserTier; channels: ReadonlySet<StreamChannel> };

const TIER_RANK: Record<UserTier, number> = { free: 0, pro: 1, premium: 2, vip: 3 };

export function isTier(value: unknown): value is UserTier {
  return typeof value === "string" && Object.hasOwn(TIER_RANK, value);
}

export function tierAllows(tier: UserTier, minTier: UserTier): boolean {
  return TIER_RANK[tier] >= TIER_RANK[minTier];
}

function toMs(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a message of CHANNELS.signals ({ signal }), CHANNELS.pumps ({ pump }) or CHANNELS.notifications
 * ({ userId, notification }). Anything else is null: a malformed message is dropped, never forwarded.
 * An unknown minTier reads as the highest tier (fail closed).
 */
export function toStreamItem(busChannel: DiscreteBusChannel, message: unknown): StreamItem | null {
  const spec = DISCRETE_CHANNELS[busChannel];
  if (!isRecord(message)) return null;
  const payload = message[spec.field];
  if (!isRecord(payload)) return null;
  let userId: string | null = null;
  if (spec.channel === "notifications") {
    const owner = typeof message.userId === "string" ? message.userId : payload.userId;
    if (typeof owner !== "string" || owner === "") return null;
    userId = owner;
  }
  const minTier = payload.minTier === undefined ? "free" : isTier(payload.minTier) ? payload.minTier : "vip";
  let release: SignalRelease | null = null;
  if (message.release !== undefined) {
    const raw = message.release;
    if (spec.channel !== "signals" || !isRecord(raw)) return null;
    const { delayMinutes, at } = raw;
    if (typeof delayMinutes !== "number" || !Number.isInteger(delayMinutes) || delayMinutes <= 0) return null;
    if (typeof at !== "number" || !Number.isFinite(at)) return null;
    release = { delayMinutes, atMs: at };
  }
  return { channel: spec.channel, event: spec.event, payload, userId, minTier, createdAtMs: toMs(payload.createdAt), release };
}

/** How long after its creation a signal reaches `tier`, in ms. */
export function signalDelayMs(tier: UserTier): number {
  return TIER_LIMITS[tier].signalDelayMinutes * 60_000;
}

/**
 * The delayed copies a signal as published needs: one per positive delay among the tiers allowed to
 * see it, due at createdAt + delay (`receivedAtMs` stands in for a missing createdAt). None for other
 * channels or for a copy that is itself a release.
 */
export function planSignalReleases(item: StreamItem, receivedAtMs: number): SignalRelease[] {
  if (item.channel !== "signals" || item.release) return [];
  const base = item.createdAtMs ?? receivedAtMs;
  const delays = new Set(TIERS.filter((tier) => tierAllows(tier, item.minTier)).map((tier) => TIER_LIMITS[tier].signalDelayMinutes));
  return [...delays]
    .filter((minutes) => minutes > 0)
    .sort((a, b) => a - b)
    .map((delayMinutes) => ({ delayMinutes, atMs: base + delayMinutes * 60_000 }));
}

/** The bus-shaped message of a release copy; every instance builds the same one (same replay-log digest). */
export function toReleaseMessage(message: Record<string, unknown>, release: SignalRelease): Record<string, unknown> {
  return { ...message, release: { delayMinutes: release.delayMinutes, at: release.atMs } };
}

/**
 * The filter hook for every discrete event, live or replayed. Signals also honour the tier delay: the
 * copy as published is for tiers without a delay, a release copy only for the tiers of its delay, and
 * never before createdAt + the viewer's delay (a second wall should a copy be logged early).
 */
export function canSee(viewer: StreamViewer, item: StreamItem, nowMs: number): boolean {
  if (!viewer.channels.has(item.channel)) return false;
  if (item.channel === "notifications") return item.userId === viewer.userId;
  if (!tierAllows(viewer.tier, item.minTier)) return false;
  if (item.channel !== "signals") return true;
  const delayMinutes = TIER_LIMITS[viewer.tier].signalDelayMinutes;
  if (delayMinutes !== (item.release?.delayMinutes ?? 0)) return false;
  if (item.release && item.release.atMs > nowMs) return false;
  return item.createdAtMs === null || item.createdAtMs + delayMinutes * 60_000 <= nowMs;
}
