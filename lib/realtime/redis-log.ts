import "server-only";
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { parseEventId, type EventId } from "./event-id";

// The cluster's replay log: one capped Redis stream. Every instance's hub receives each bus message and
// asks Redis for its id; the first to ask appends it (XADD, so the id is Redis's "<ms>-<seq>") and the
// others get the same id back from a short-lived dedupe key. Ids therefore follow bus order, are the
// same on every instance, and a client may resume on any instance.

const LOG_KEY = "stream:log";
const SEEN_PREFIX = "stream:seen:";
// Only has to outlast the spread between instances receiving one message.
const SEEN_TTL_MS = 120_000;

const STAMP_SCRIPT = `
local id = redis.call('GET', KEYS[1])
if id then return id end
id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'c', ARGV[1], 'm', ARGV[2])
redis.call('SET', KEYS[1], id, 'PX', ARGV[4])
return id
`;

type StampingRedis = Redis & {
  tpStampStreamEvent(seenKey: string, logKey: string, channel: string, message: string, maxLen: number, ttlMs: number): Promise<string>;
};

export type LoggedMessage = { id: EventId; busChannel: string; message: unknown };

export type RedisReplayLog = {
  /** The id of this message in the shared log, appending it when no instance has yet. */
  stamp: (busChannel: string, message: unknown) => Promise<EventId>;
  /** Messages after `after`, oldest first (at most `maxEvents`). */
  readAfter: (after: EventId) => Promise<LoggedMessage[]>;
};

export function createRedisReplayLog(redis: Redis, maxEvents: number): RedisReplayLog {
  const client = redis as StampingRedis;
  if (typeof client.tpStampStreamEvent !== "function") {
    redis.defineCommand("tpStampStreamEvent", { numberOfKeys: 2, lua: STAMP_SCRIPT });
  }
  return {
    stamp: async (busChannel, message) => {
      // Every instance re-serialises the same parsed JSON the same way, so the digest names the message.
      const text = JSON.stringify(message);
      const digest = createHash("sha256").update(busChannel).update("\n").update(text).digest("base64url");
      const id = parseEventId(await client.tpStampStreamEvent(SEEN_PREFIX + digest, LOG_KEY, busChannel, text, maxEvents, SEEN_TTL_MS));
      if (!id) throw new Error("redis answered a malformed stream id");
      return id;
    },
    readAfter: async (after) => {
      const rows = await redis.xrange(LOG_KEY, `(${after.ms}-${after.seq}`, "+", "COUNT", maxEvents);
      const out: LoggedMessage[] = [];
      for (const [rawId, fields] of rows) {
        const id = parseEventId(rawId);
        const entry = new Map<string, string>();
        for (let i = 0; i + 1 < fields.length; i += 2) entry.set(fields[i]!, fields[i + 1]!);
        const busChannel = entry.get("c");
        const text = entry.get("m");
        if (!id || busChannel === undefined || text === undefined) continue;
        try {
          out.push({ id, busChannel, message: JSON.parse(text) as unknown });
        } catch {
          // A foreign or corrupt entry is skipped, never replayed.
        }
      }
      return out;
    },
  };
}
