import "server-only";
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getRedis } from "@/lib/redis";

export type BusHandler = (message: unknown) => void;

export type Bus = {
  kind: "redis" | "memory";
  publish: (channel: string, message: unknown) => Promise<void>;
  /** Returns a function that removes the handler. */
  subscribe: (channel: string, handler: BusHandler) => () => void;
  close: () => Promise<void>;
};

function createMemoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: "memory",
    publish: async (channel, message) => {
      emitter.emit(channel, message);
    },
    subscribe: (channel, handler) => {
      emitter.on(channel, handler);
      return () => emitter.off(channel, handler);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

// One subscriber connection per process; local handlers fan out from it. Messages published here
// reach local handlers through Redis too, so every instance sees the same order.
function createRedisBus(publisher: Redis): Bus {
  const prefix = `${env.redisKeyPrefix}bus:`;
  const subscriber = publisher.duplicate({ keyPrefix: "" });
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const counts = new Map<string, number>();
  subscriber.on("message", (channel: string, payload: string) => {
    if (!channel.startsWith(prefix)) return;
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      logger.warn({ channel }, "bus: dropped a message that is not JSON");
      return;
    }
    local.emit(channel.slice(prefix.length), message);
  });
  return {
    kind: "redis",
    publish: async (channel, message) => {
      await publisher.publish(prefix + channel, JSON.stringify(message));
    },
    subscribe: (channel, handler) => {
      local.on(channel, handler);
      const count = (counts.get(channel) ?? 0) + 1;
      counts.set(channel, count);
      if (count === 1) {
        subscriber.subscribe(prefix + channel).catch((error: unknown) => logger.error({ err: error, channel }, "bus: subscribe failed"));
      }
      return () => {
        local.off(channel, handler);
        const left = (counts.get(channel) ?? 1) - 1;
        counts.set(channel, left);
        if (left === 0) {
          counts.delete(channel);
          subscriber.unsubscribe(prefix + channel).catch(() => {});
        }
      };
    },
    close: async () => {
      local.removeAllListeners();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}

const globalForBus = globalThis as unknown as { __tradepulseBus?: Bus };

/** The process's message bus: Redis pub/sub when REDIS_URL is set, in-process otherwise. */
export function getBus(): Bus {
  if (!globalForBus.__tradepulseBus) {
    const redis = getRedis();
    globalForBus.__tradepulseBus = redis ? createRedisBus(redis) : createMemoryBus();
  }
  return globalForBus.__tradepulseBus;
}

export async function closeBus(): Promise<void> {
  const bus = globalForBus.__tradepulseBus;
  globalForBus.__tradepulseBus = undefined;
  await bus?.close();
}
