import "server-only";
import type { Redis } from "ioredis";
import { getLiveSessions, type AuthContext } from "@/lib/auth/sessions";
import { logger } from "@/lib/logger";
import { trackSseStream } from "@/lib/metrics";
import { CHANNELS, STREAM_CHANNELS, type StreamChannel, type TickerEvent } from "@/lib/market/events";
import { getRedis } from "@/lib/redis";
import { getBus, type Bus } from "./bus";
import { compareEventIds, createEventIdGenerator, formatEventId, parseEventId, type EventId } from "./event-id";
import { createRedisReplayLog, type RedisReplayLog } from "./redis-log";
import { ReplayLog } from "./replay-log";
import { CoalescingBuffer, encodeComment, encodeEvent, encodeJsonEvent, mergeLatestTickers, tickerKey } from "./sse";
import {
  canSee,
  DISCRETE_CHANNELS,
  planSignalReleases,
  toReleaseMessage,
  toStreamItem,
  type DiscreteBusChannel,
  type DiscreteChannel,
  type SignalRelease,
  type StreamItem,
} from "./stream-events";

// The process's SSE fan-out. One bus subscription per channel per process; every stream of this process
// is a client here. Writes happen when a bus message arrives (one feed tick = one write per client).
// A client whose stream is backed up (desiredSize ≤ 0: the socket does not drain) is not written to:
// its tickers coalesce to the latest quote per symbol and are flushed once the stream has room again.

export const HUB_DEFAULTS = {
  heartbeatMs: 15_000,
  sessionCheckMs: 30_000,
  maxStreamsPerUser: 5,
  /** Discrete events held for a backed-up client before its stream is ended ("lagging"). */
  maxPendingEvents: 256,
  replayMaxEvents: 1_000,
  replayMaxAgeMs: 60 * 60 * 1000,
  /** Reconnect delay sent to EventSource, spread so that a restart does not bring every client back at once. */
  retryMinMs: 2_000,
  retrySpreadMs: 3_000,
  /** Clients written per event-loop turn in a ticker fan-out, so other I/O is served in between. */
  fanOutSlice: 1_000,
  /** How often a backed-up client is looked at again. */
  backedUpRetryMs: 100,
  /** Delayed signal copies waiting for their tier's release time (see stream-events.ts). */
  maxPendingReleases: 10_000,
};

export type StreamEndReason = "session_revoked" | "session_ended" | "stream_limit" | "lagging" | "shutdown";

/** What each session is now (null: revoked, expired, blocked or gone), for many sessions in one lookup. */
export type SessionLookup = (sessionIds: string[]) => Promise<Map<string, Pick<AuthContext, "userId" | "tier"> | null>>;

export type HubOptions = Partial<typeof HUB_DEFAULTS> & {
  bus: Bus;
  redis: Redis | null;
  lookupSessions: SessionLookup;
  now?: () => number;
  random?: () => number;
};

export type OpenStreamInput = {
  auth: Pick<AuthContext, "userId" | "sessionId" | "tier">;
  channels: readonly StreamChannel[];
  /** From the Last-Event-ID header: signals, pumps and notifications after it are replayed. */
  lastEventId?: string | null;
  /** The request's signal: the client is dropped when it aborts. */
  signal?: AbortSignal;
};

export type HubStats = {
  clients: number;
  byChannel: Record<StreamChannel, number>;
  /** Ticker updates replaced in a backed-up client's buffer before it could be sent. */
  droppedTickerUpdates: number;
  /** SSE events written to streams (a coalesced tickers event counts once; heartbeats do not count). */
  eventsSent: number;
};

type Frame = Uint8Array;

/**
 * Where a client's bytes go: a web ReadableStream (the Next route handler) or a Node ServerResponse
 * (the production server's direct path, scripts/server.mjs), which skips Next's response pipeline.
 */
export type StreamSink = {
  /** Whether a write now would be taken without queueing behind unread data. */
  canWrite(): boolean;
  write(frame: Frame): void;
  /** Ends the stream, after `frame` when given. */
  end(frame?: Frame): void;
};

/** Owns a Node response as a sink; the hub hears of its close through `onClose`. */
export type NodeResponseLike = {
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
  readonly writableNeedDrain: boolean;
  write(chunk: Uint8Array): boolean;
  end(chunk?: Uint8Array): unknown;
  once(event: "close" | "drain", listener: () => void): unknown;
  on(event: "close" | "drain", listener: () => void): unknown;
  off(event: "close" | "drain", listener: () => void): unknown;
};

type LoggedEvent = { id: EventId; idText: string; item: StreamItem; frame: Frame };

type Client = {
  userId: string;
  sessionId: string;
  tier: AuthContext["tier"];
  channels: ReadonlySet<StreamChannel>;
  sink: StreamSink;
  buffer: CoalescingBuffer<Frame>;
  /** The highest discrete event id sent or queued (or the client's Last-Event-ID). */
  lastId: EventId | null;
  /** While the replay is read, live discrete events wait in the buffer. */
  replaying: boolean;
  closed: boolean;
  lastWriteAt: number;
  detach: (() => void) | null;
  /** Decrements the open-streams gauge (lib/metrics) when the client goes. */
  untrack: () => void;
};

type SessionEntry = { clients: Set<Client>; nextCheckAt: number; checking: boolean };

const encoder = new TextEncoder();
const encode = (text: string): Frame => encoder.encode(text);
const HEARTBEAT = encode(encodeComment("heartbeat"));
const concat = (frames: Frame[]): Frame => (frames.length === 1 ? frames[0]! : Buffer.concat(frames));

function readTickers(message: unknown): TickerEvent[] {
  const tickers = (message as { tickers?: unknown } | null)?.tickers;
  if (!Array.isArray(tickers)) return [];
  return tickers.filter(
    (t): t is TickerEvent =>
      typeof t === "object" && t !== null && typeof t.exchange === "string" && typeof t.symbol === "string" && Number.isFinite(t.timestamp),
  );
}

export class StreamHub {
  private readonly options: typeof HUB_DEFAULTS;
  private readonly bus: Bus;
  private readonly lookupSessions: SessionLookup;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly redisLog: RedisReplayLog | null;
  private readonly log: ReplayLog<LoggedEvent>;
  private readonly ids = createEventIdGenerator();
  private readonly clients = new Set<Client>();
  private readonly byChannel = new Map<StreamChannel, Set<Client>>(STREAM_CHANNELS.map((channel) => [channel, new Set()]));
  private readonly byUser = new Map<string, Client[]>();
  private readonly bySession = new Map<string, SessionEntry>();
  private readonly latest = new Map<string, TickerEvent>();
  /** Clients with something buffered, waiting for room in their stream. */
  private readonly pending = new Set<Client>();
  /** Quotes received while a fan-out was still running: the next fan-out sends the latest of them. */
  private readonly queuedTickers = new Map<string, TickerEvent>();
  private readonly unsubscribe: (() => void)[];
  private readonly timers: NodeJS.Timeout[];
  private readonly releaseTimers = new Set<NodeJS.Timeout>();
  private fanningOut = false;
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private discreteChain: Promise<void> = Promise.resolve();
  private lastStampWarning = 0;
  private droppedTickerUpdates = 0;
  private eventsSent = 0;
  private closed = false;

  constructor(options: HubOptions) {
    this.options = { ...HUB_DEFAULTS };
    for (const key of Object.keys(HUB_DEFAULTS) as (keyof typeof HUB_DEFAULTS)[]) this.options[key] = options[key] ?? HUB_DEFAULTS[key];
    this.bus = options.bus;
    this.lookupSessions = options.lookupSessions;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.redisLog = options.redis ? createRedisReplayLog(options.redis, this.options.replayMaxEvents) : null;
    this.log = new ReplayLog(this.options.replayMaxEvents, this.options.replayMaxAgeMs);
    const guarded = (run: (message: unknown) => void) => (message: unknown) => {
      try {
        run(message);
      } catch (error) {
        logger.error({ err: error }, "stream hub: a bus message failed");
      }
    };
    this.unsubscribe = [
      this.bus.subscribe(CHANNELS.tickers, guarded((message) => this.onTickers(message))),
      ...(Object.keys(DISCRETE_CHANNELS) as DiscreteBusChannel[]).map((channel) =>
        this.bus.subscribe(channel, guarded((message) => this.onDiscrete(channel, message))),
      ),
      this.bus.subscribe(CHANNELS.sessions, guarded((message) => this.onSessions(message))),
    ];
    this.timers = [
      setInterval(() => this.heartbeat(), Math.max(1, Math.floor(this.options.heartbeatMs / 3))),
      setInterval(() => this.checkSessions(), Math.min(1_000, this.options.sessionCheckMs)),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /** A stream as a web ReadableStream (the Response body of the route handler). */
  open(input: OpenStreamInput): ReadableStream<Frame> {
    if (this.closed) throw new Error("the stream hub is closed");
    let controller: ReadableStreamDefaultController<Frame> | null = null;
    let client: Client | null = null;
    // Count strategy, high-water mark 1: one unread write makes desiredSize 0, and from then on the
    // client's updates coalesce in its buffer instead of queueing in the stream. No pull callback: it
    // would run on every write of every client; backed-up clients are retried from `pending` instead.
    const stream = new ReadableStream<Frame>({
      start: (c) => {
        controller = c;
      },
      cancel: () => {
        if (client) this.remove(client);
      },
    });
    const sink: StreamSink = {
      canWrite: () => {
        const size = controller?.desiredSize;
        return typeof size === "number" && size > 0;
      },
      write: (frame) => controller!.enqueue(frame),
      end: (frame) => {
        try {
          if (frame) controller?.enqueue(frame);
          controller?.close();
        } catch {
          // Already closed or cancelled by the other side.
        }
      },
    };
    client = this.attach(input, sink);
    return stream;
  }

  /**
   * A stream written straight to a Node response: no web-stream or framework layer per write. The
   * caller has already sent the status line and headers. Returns false when the hub is closed.
   */
  openNode(input: Omit<OpenStreamInput, "signal">, res: NodeResponseLike): void {
    if (this.closed) throw new Error("the stream hub is closed");
    let client: Client | null = null;
    const sink: StreamSink = {
      // writableNeedDrain: the socket did not take the last write; further updates coalesce meanwhile.
      canWrite: () => !res.writableEnded && !res.destroyed && !res.writableNeedDrain,
      write: (frame) => {
        res.write(frame);
      },
      end: (frame) => {
        if (!res.writableEnded && !res.destroyed) res.end(frame);
      },
    };
    const onDrain = () => {
      if (client && !client.closed && !client.buffer.isEmpty) this.schedule(client);
    };
    const onClose = () => {
      if (client) this.remove(client);
    };
    res.on("drain", onDrain);
    res.once("close", onClose);
    client = this.attach(input, sink);
    const detach = client.detach;
    client.detach = () => {
      detach?.();
      res.off("drain", onDrain);
      res.off("close", onClose);
    };
  }

  private attach(input: OpenStreamInput, sink: StreamSink): Client {
    const after = parseEventId(input.lastEventId);
    const client: Client = {
      userId: input.auth.userId,
      sessionId: input.auth.sessionId,
      tier: input.auth.tier,
      channels: new Set(input.channels),
      sink,
      buffer: new CoalescingBuffer<Frame>(this.options.maxPendingEvents),
      lastId: after,
      replaying: false,
      closed: false,
      lastWriteAt: 0,
      detach: null,
      untrack: trackSseStream(),
    };
    this.add(client);

    const now = this.now();
    const retry = this.options.retryMinMs + Math.floor(this.random() * this.options.retrySpreadMs);
    let first = encodeEvent({ retry, event: "ready", data: JSON.stringify({ channels: [...client.channels], serverTime: new Date(now).toISOString() }) });
    let count = 1;
    if (client.channels.has("tickers") && this.latest.size > 0) {
      first += encodeJsonEvent("tickers", [...this.latest.values()]);
      count++;
    }
    this.write(client, encode(first), count);

    if (after && [...client.channels].some((channel) => channel !== "tickers")) {
      client.replaying = true;
      void this.replay(client, after);
    }
    if (input.signal) {
      const signal = input.signal;
      const onAbort = () => this.drop(client);
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener("abort", onAbort, { once: true });
        client.detach = () => signal.removeEventListener("abort", onAbort);
      }
    }
    return client;
  }

  stats(): HubStats {
    const byChannel = Object.fromEntries(STREAM_CHANNELS.map((channel) => [channel, this.byChannel.get(channel)!.size])) as Record<StreamChannel, number>;
    return { clients: this.clients.size, byChannel, droppedTickerUpdates: this.droppedTickerUpdates, eventsSent: this.eventsSent };
  }

  /** Ends every stream (event: end, reason shutdown) and leaves the bus. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.unsubscribe) stop();
    for (const timer of this.timers) clearInterval(timer);
    for (const timer of this.releaseTimers) clearTimeout(timer);
    this.releaseTimers.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const client of this.clients) this.end(client, "shutdown");
    await this.discreteChain;
  }

  // ------------------------------------------------------------------ clients

  private add(client: Client): void {
    this.clients.add(client);
    for (const channel of client.channels) this.byChannel.get(channel)?.add(client);
    const streams = this.byUser.get(client.userId) ?? [];
    streams.push(client);
    this.byUser.set(client.userId, streams);
    let session = this.bySession.get(client.sessionId);
    if (!session) {
      session = { clients: new Set(), nextCheckAt: this.now() + this.options.sessionCheckMs, checking: false };
      this.bySession.set(client.sessionId, session);
    }
    session.clients.add(client);
    // The user's oldest streams make room: at most maxStreamsPerUser per user in this process.
    while (streams.length > this.options.maxStreamsPerUser) this.end(streams[0]!, "stream_limit");
  }

  private remove(client: Client): void {
    if (client.closed) return;
    client.closed = true;
    client.untrack();
    this.clients.delete(client);
    client.detach?.();
    client.detach = null;
    this.pending.delete(client);
    for (const channel of client.channels) this.byChannel.get(channel)?.delete(client);
    const streams = this.byUser.get(client.userId);
    if (streams) {
      const at = streams.indexOf(client);
      if (at >= 0) streams.splice(at, 1);
      if (streams.length === 0) this.byUser.delete(client.userId);
    }
    const session = this.bySession.get(client.sessionId);
    if (session) {
      session.clients.delete(client);
      if (session.clients.size === 0) this.bySession.delete(client.sessionId);
    }
  }

  /** Says why (event: end), then closes the stream. Whatever was pending is not sent. */
  private end(client: Client, reason: StreamEndReason): void {
    if (client.closed) return;
    try {
      client.sink.end(encode(encodeJsonEvent("end", { reason })));
      this.eventsSent++;
    } catch {
      // Already closed or errored by the other side.
    }
    this.remove(client);
  }

  /** The client went away: nothing to say. */
  private drop(client: Client): void {
    if (client.closed) return;
    try {
      client.sink.end();
    } catch {
      // Already closed or cancelled.
    }
    this.remove(client);
  }

  private canWrite(client: Client): boolean {
    return !client.closed && client.sink.canWrite();
  }

  private write(client: Client, frame: Frame, events: number): void {
    try {
      client.sink.write(frame);
      client.lastWriteAt = this.now();
      this.eventsSent += events;
    } catch {
      this.remove(client);
    }
  }

  /** The client has something buffered: flush it on the next turn, or as soon as its stream has room. */
  private schedule(client: Client): void {
    this.pending.add(client);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushPending());
  }

  private flushPending(): void {
    this.flushScheduled = false;
    for (const client of this.pending) {
      if (client.closed || client.replaying || client.buffer.isEmpty) this.pending.delete(client);
      else if (this.canWrite(client)) {
        this.pending.delete(client);
        this.flushClient(client);
      }
    }
    if (this.pending.size > 0 && !this.retryTimer && !this.closed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.flushPending();
      }, this.options.backedUpRetryMs);
      this.retryTimer.unref();
    }
  }

  private flushClient(client: Client): void {
    if (client.closed || client.replaying || client.buffer.isEmpty || !this.canWrite(client)) return;
    const drained = client.buffer.drain();
    const frames = drained.events.map((event) => event.frame);
    if (drained.tickers.length > 0) frames.push(drained.sharedTickerFrame ?? encode(encodeJsonEvent("tickers", drained.tickers)));
    if (frames.length > 0) this.write(client, concat(frames), frames.length);
  }

  // ------------------------------------------------------------------ tickers

  private onTickers(message: unknown): void {
    const fresh = mergeLatestTickers(this.latest, readTickers(message));
    if (fresh.length === 0 || this.byChannel.get("tickers")!.size === 0) return;
    let replaced = 0;
    for (const ticker of fresh) {
      const key = tickerKey(ticker);
      if (this.queuedTickers.has(key)) replaced++;
      this.queuedTickers.set(key, ticker);
    }
    this.droppedTickerUpdates += replaced * this.byChannel.get("tickers")!.size;
    if (!this.fanningOut) this.fanOutTickers();
  }

  // One batch reaches every client before the next starts (a client never gets an older quote after a
  // newer one). The first slice is written at once; the rest follow turn by turn. A batch that arrives
  // meanwhile waits, merged with any other, for this one to finish.
  private fanOutTickers(): void {
    const tickers = [...this.queuedTickers.values()];
    this.queuedTickers.clear();
    const clients = [...this.byChannel.get("tickers")!];
    if (tickers.length === 0 || clients.length === 0 || this.closed) return;
    this.fanningOut = true;
    // Encoded once; every client that is keeping up gets these same bytes.
    const frame = encode(encodeJsonEvent("tickers", tickers));
    let at = 0;
    const slice = () => {
      const end = Math.min(at + this.options.fanOutSlice, clients.length);
      for (; at < end; at++) this.sendTickers(clients[at]!, tickers, frame);
      if (at < clients.length) {
        setImmediate(slice);
        return;
      }
      this.fanningOut = false;
      if (this.queuedTickers.size > 0) this.fanOutTickers();
    };
    slice();
  }

  private sendTickers(client: Client, tickers: TickerEvent[], frame: Frame): void {
    if (client.closed) return;
    if (!client.replaying && client.buffer.isEmpty && this.canWrite(client)) {
      this.write(client, frame, 1);
      return;
    }
    this.droppedTickerUpdates += client.buffer.addTickers(tickers, frame);
    if (!client.replaying) this.schedule(client);
  }

  // ------------------------------------------------------------------ signals, pumps, notifications

  private onDiscrete(busChannel: DiscreteBusChannel, message: unknown): void {
    const item = toStreamItem(busChannel, message);
    // Release copies are made by the hub alone; one arriving on the bus is not trusted.
    if (!item || item.release) {
      logger.warn({ channel: busChannel }, "stream hub: dropped a malformed message");
      return;
    }
    this.enqueue(busChannel, message, item);
    const now = this.now();
    for (const release of planSignalReleases(item, now)) this.scheduleRelease(busChannel, message as Record<string, unknown>, release, now);
  }

  private enqueue(busChannel: DiscreteBusChannel, message: unknown, item: StreamItem): void {
    // Ids are asked for in bus order (one Redis connection keeps that order); delivery waits its turn.
    const id = this.stamp(busChannel, message);
    this.discreteChain = this.discreteChain
      .then(async () => this.publish(await id, item))
      .catch((error: unknown) => logger.error({ err: error }, "stream hub: could not deliver an event"));
  }

  // Held in this process until due (a restart forgets them: the REST list still shows the signal).
  // Every instance schedules the same copy at the same moment, so the Redis log gets it once.
  private scheduleRelease(busChannel: DiscreteBusChannel, message: Record<string, unknown>, release: SignalRelease, now: number): void {
    if (this.releaseTimers.size >= this.options.maxPendingReleases) {
      logger.warn({ channel: busChannel }, "stream hub: too many delayed signals pending; one is not released live");
      return;
    }
    const timer = setTimeout(
      () => {
        this.releaseTimers.delete(timer);
        if (this.closed) return;
        const copy = toReleaseMessage(message, release);
        const item = toStreamItem(busChannel, copy);
        if (item) this.enqueue(busChannel, copy, item);
      },
      Math.max(0, release.atMs - now + 1),
    );
    timer.unref();
    this.releaseTimers.add(timer);
  }

  private async stamp(busChannel: DiscreteBusChannel, message: unknown): Promise<EventId> {
    if (!this.redisLog) return this.ids.next(this.now());
    try {
      const id = await this.redisLog.stamp(busChannel, message);
      this.ids.observe(id);
      return id;
    } catch (error) {
      const now = this.now();
      if (now - this.lastStampWarning > 30_000) {
        this.lastStampWarning = now;
        logger.warn({ err: error }, "stream hub: redis replay log unavailable; events get local ids and are not replayable on other instances");
      }
      // Right after the last Redis id rather than at this host's clock, so the order stays close to Redis's.
      return this.ids.next(0);
    }
  }

  private toLogged(id: EventId, item: StreamItem): LoggedEvent {
    const idText = formatEventId(id);
    return { id, idText, item, frame: encode(encodeEvent({ id: idText, event: item.event, data: JSON.stringify(item.payload) })) };
  }

  private publish(id: EventId, item: StreamItem): void {
    const event = this.toLogged(id, item);
    const now = this.now();
    this.log.append(event, now);
    for (const client of this.byChannel.get(item.channel as DiscreteChannel)!) this.deliver(client, event, now);
  }

  private deliver(client: Client, event: LoggedEvent, now: number): void {
    if (client.closed || !canSee(client, event.item, now)) return;
    if (client.lastId && compareEventIds(event.id, client.lastId) <= 0) return;
    if (!client.replaying) client.lastId = event.id;
    if (!client.replaying && client.buffer.isEmpty && this.canWrite(client)) {
      this.write(client, event.frame, 1);
      return;
    }
    if (!client.buffer.addEvent({ id: event.idText, frame: event.frame })) {
      this.end(client, "lagging");
      return;
    }
    if (!client.replaying) this.schedule(client);
  }

  private async replay(client: Client, after: EventId): Promise<void> {
    let events: LoggedEvent[];
    try {
      events =
        this.redisLog && !this.log.covers(after)
          ? (await this.redisLog.readAfter(after)).flatMap(({ id, busChannel, message }) => {
              const item = Object.hasOwn(DISCRETE_CHANNELS, busChannel) ? toStreamItem(busChannel as DiscreteBusChannel, message) : null;
              return item ? [this.toLogged(id, item)] : [];
            })
          : this.log.after(after, this.now());
    } catch (error) {
      logger.warn({ err: error }, "stream hub: could not read the redis replay log; replaying this instance's log");
      events = this.log.after(after, this.now());
    }
    if (client.closed) return;
    const now = this.now();
    const oldest = now - this.options.replayMaxAgeMs;
    const pending = client.buffer.drain();
    const merged = new Map<string, { id: EventId; frame: Frame }>();
    for (const event of events) {
      if (event.id.ms >= oldest && compareEventIds(event.id, after) > 0 && canSee(client, event.item, now)) merged.set(event.idText, event);
    }
    // Live events that arrived meanwhile; an event both read and received is sent once.
    for (const event of pending.events) merged.set(event.id, { id: parseEventId(event.id)!, frame: event.frame });
    const ordered = [...merged.values()].sort((a, b) => compareEventIds(a.id, b.id));
    client.replaying = false;
    if (ordered.length > 0) {
      client.lastId = ordered.at(-1)!.id;
      // Written even when backed up: bounded by the log size, and the client asked for it.
      this.write(client, concat(ordered.map((event) => event.frame)), ordered.length);
    }
    if (pending.tickers.length > 0) {
      client.buffer.addTickers(pending.tickers, pending.sharedTickerFrame);
      this.schedule(client);
    }
  }

  // ------------------------------------------------------------------ sessions

  private onSessions(message: unknown): void {
    const { sessionIds, userId } = (message ?? {}) as { sessionIds?: unknown; userId?: unknown };
    if (Array.isArray(sessionIds)) {
      for (const sessionId of sessionIds) {
        const session = typeof sessionId === "string" ? this.bySession.get(sessionId) : undefined;
        for (const client of [...(session?.clients ?? [])]) this.end(client, "session_revoked");
      }
    }
    if (typeof userId === "string" && this.byUser.has(userId)) {
      // A block, role or tier change: re-check at once. After this tick, so that the session cache has
      // dropped its entry (its handler runs on the same message).
      for (const client of this.byUser.get(userId)!) {
        const session = this.bySession.get(client.sessionId);
        if (session) session.nextCheckAt = 0;
      }
      setTimeout(() => this.checkSessions(), 0);
    }
  }

  // Each session is re-checked sessionCheckMs after its first stream opened and every sessionCheckMs
  // after that, so the checks spread out instead of arriving all at once. The sessions due at a tick
  // are looked up together: one query a second, not one per session.
  private checkSessions(): void {
    const now = this.now();
    const due: [string, SessionEntry][] = [];
    for (const [sessionId, session] of this.bySession) {
      if (session.checking || session.nextCheckAt > now) continue;
      session.checking = true;
      due.push([sessionId, session]);
    }
    if (due.length === 0) return;
    this.lookupSessions(due.map(([sessionId]) => sessionId))
      .then((contexts) => {
        for (const [sessionId, session] of due) {
          const context = contexts.get(sessionId) ?? null;
          for (const client of [...session.clients]) {
            if (!context || context.userId !== client.userId) this.end(client, "session_ended");
            else client.tier = context.tier;
          }
        }
      })
      .catch((error: unknown) => logger.warn({ err: error, sessions: due.length }, "stream hub: session check failed; will retry"))
      .finally(() => {
        const next = this.now() + this.options.sessionCheckMs;
        for (const [, session] of due) {
          session.checking = false;
          session.nextCheckAt = next;
        }
      });
  }

  // Only streams that were silent: with tickers flowing nobody needs one. Checked every third of the
  // interval and sent after two thirds of silence, so no stream is silent for longer than heartbeatMs.
  private heartbeat(): void {
    const now = this.now();
    this.log.prune(now);
    const silentSince = now - Math.floor((this.options.heartbeatMs * 2) / 3);
    for (const client of this.clients) if (client.lastWriteAt <= silentSince && this.canWrite(client)) this.write(client, HEARTBEAT, 0);
  }
}

const globalForHub = globalThis as unknown as { __tradepulseHub?: StreamHub };

/** The process's hub; created on first use and subscribed to the bus from then on. */
export function getHub(): StreamHub {
  globalForHub.__tradepulseHub ??= new StreamHub({ bus: getBus(), redis: getRedis(), lookupSessions: (sessionIds) => getLiveSessions(sessionIds) });
  return globalForHub.__tradepulseHub;
}

/** Registers a stream with this process's hub; the ReadableStream is the Response body. */
export function openStream(input: OpenStreamInput): ReadableStream<Uint8Array> {
  return getHub().open(input);
}

export function getHubStats(): HubStats {
  return (
    globalForHub.__tradepulseHub?.stats() ?? {
      clients: 0,
      byChannel: Object.fromEntries(STREAM_CHANNELS.map((channel) => [channel, 0])) as Record<StreamChannel, number>,
      droppedTickerUpdates: 0,
      eventsSent: 0,
    }
  );
}

export async function closeHub(): Promise<void> {
  const hub = globalForHub.__tradepulseHub;
  globalForHub.__tradepulseHub = undefined;
  await hub?.close();
}
