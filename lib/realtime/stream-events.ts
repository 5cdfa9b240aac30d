// Discrete stream events (signal, pump, notification): what a bus message becomes, and who may see it.
// Pure.
import type { UserTier } from "@/lib/auth/tokens";
import { CHANNELS, type StreamChannel } from "@/lib/market/events";

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
};

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
  return { channel: spec.channel, event: spec.event, payload, userId, minTier, createdAtMs: toMs(payload.createdAt) };
}

/**
 * The filter hook for every discrete event, live or replayed. Tier delays (a later issue) will compare
 * `item.createdAtMs` with `nowMs` here.
 */
export function canSee(viewer: StreamViewer, item: StreamItem, _nowMs: number): boolean {
  if (!viewer.channels.has(item.channel)) return false;
  if (item.channel === "notifications") return item.userId === viewer.userId;
  return tierAllows(viewer.tier, item.minTier);
}
