// Reads a text/event-stream body event by event (integration tests, tools). Not used by the app itself.
import { createSseParser, type SseParsed } from "./sse";

export type SseEvent = Extract<SseParsed, { kind: "event" }>;

export type SseReader = {
  /** The next event (comments included when `comments` is set); null when the stream ended. */
  next: (options?: { timeoutMs?: number; comments?: boolean }) => Promise<SseParsed | null>;
  /** Events until one matches (the match is returned last); throws on timeout or end. */
  until: (match: (event: SseEvent) => boolean, timeoutMs?: number) => Promise<SseEvent[]>;
  cancel: () => Promise<void>;
};

export function readSse(body: ReadableStream<Uint8Array>): SseReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  const queue: SseParsed[] = [];
  let ended = false;
  let reading: Promise<void> | null = null;

  const fill = () =>
    (reading ??= reader.read().then(({ done, value }) => {
      reading = null;
      if (done) ended = true;
      else queue.push(...parser.push(decoder.decode(value, { stream: true })));
    }));

  async function next({ timeoutMs = 5_000, comments = false } = {}): Promise<SseParsed | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (queue.length > 0) {
        const item = queue.shift()!;
        if (item.kind === "event" || comments) return item;
      }
      if (ended) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE event within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([fill(), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
  }

  return {
    next,
    until: async (match, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      const seen: SseEvent[] = [];
      for (;;) {
        const item = await next({ timeoutMs: Math.max(1, deadline - Date.now()) });
        if (!item) throw new Error(`the stream ended before the expected event; saw ${seen.map((e) => e.event).join(", ")}`);
        if (item.kind !== "event") continue;
        seen.push(item);
        if (match(item)) return seen;
      }
    },
    cancel: async () => {
      await reader.cancel().catch(() => {});
    },
  };
}
