// The floor for bench/sse.ts --baseline: the least a Node server can do for the same clients. A bare
// node:http server answers GET /api/v1/stream with an SSE stream (any token), subscribes to the same
// Redis channel and writes each ticker batch, encoded once, to every socket in slices of 1,000 — no
// auth, no hub, no framework. The gap between its figures and the app's is what the app costs; the
// rest is this machine (a loopback write and the client's read and parse of every event).
import { createServer, type ServerResponse } from "node:http";
import { Redis } from "ioredis";
import { CHANNELS, type TickerBatch } from "../../lib/market/events";
import { encodeEvent, encodeJsonEvent } from "../../lib/realtime/sse";

const port = Number(process.env.PORT);
const redisUrl = process.env.REDIS_URL!;
const prefix = process.env.REDIS_KEY_PREFIX ?? "tp:";
const streams: ServerResponse[] = [];

const server = createServer((req, res) => {
  if (!req.url?.startsWith("/api/v1/stream")) {
    res.writeHead(404).end();
    return;
  }
  req.socket.setNoDelay(true);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" });
  res.write(encodeEvent({ event: "ready", data: "{}" }));
  streams.push(res);
  res.once("close", () => streams.splice(streams.indexOf(res), 1));
});

const subscriber = new Redis(redisUrl);
await subscriber.subscribe(`${prefix}bus:${CHANNELS.tickers}`);
subscriber.on("message", (_channel: string, message: string) => {
  const batch = JSON.parse(message) as TickerBatch;
  const payload = Buffer.from(encodeJsonEvent("tickers", batch.tickers));
  // The chunked framing, made once, written straight to each socket: one write per stream.
  const frame = Buffer.concat([Buffer.from(`${payload.byteLength.toString(16)}\r\n`), payload, Buffer.from("\r\n")]);
  const targets = [...streams];
  let at = 0;
  const slice = () => {
    const end = Math.min(at + 1_000, targets.length);
    for (; at < end; at++) targets[at]!.socket?.write(frame);
    if (at < targets.length) setImmediate(slice);
  };
  slice();
});

server.listen(port, "127.0.0.1", () => console.log(`baseline SSE server ready on http://127.0.0.1:${port}`));
process.on("SIGTERM", () => {
  for (const res of streams) res.destroy();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
});
