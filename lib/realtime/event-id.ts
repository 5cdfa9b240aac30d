// Ids of discrete stream events (signal, pump, notification): "<ms>-<seq>", the format of Redis stream
// entry ids, ordered by (ms, seq). With Redis the id is the entry's id in the shared replay stream, so
// every instance gives an event the same id; without Redis a process-local generator makes them. Pure.

export type EventId = { ms: number; seq: number };

const FORMAT = /^(\d{1,16})-(\d{1,16})$/;

export function parseEventId(value: string | null | undefined): EventId | null {
  const match = value ? FORMAT.exec(value.trim()) : null;
  if (!match) return null;
  const ms = Number(match[1]);
  const seq = Number(match[2]);
  return Number.isSafeInteger(ms) && Number.isSafeInteger(seq) ? { ms, seq } : null;
}

export const formatEventId = (id: EventId) => `${id.ms}-${id.seq}`;

export function compareEventIds(a: EventId, b: EventId): number {
  return a.ms === b.ms ? a.seq - b.seq : a.ms - b.ms;
}

/** Monotonic ids for this process: never below the clock, nor below any id seen (from Redis or here). */
export function createEventIdGenerator() {
  let last: EventId = { ms: 0, seq: 0 };
  return {
    next(nowMs: number): EventId {
      last = nowMs > last.ms ? { ms: nowMs, seq: 0 } : { ms: last.ms, seq: last.seq + 1 };
      return last;
    },
    observe(id: EventId): void {
      if (compareEventIds(id, last) > 0) last = id;
    },
  };
}
