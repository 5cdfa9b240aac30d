// One client process of bench/sse.ts (forked with IPC): opens its share of SSE streams and measures, per
// `tickers` event, the time from the batch's publish to its receipt here. Every stream is parsed by
// eventsource-parser (the parser inside the `eventsource` package); the bytes come either from a bare
// TCP socket (transport "socket", the default) or from node:http (transport "http"). On a 2-core machine
// that also runs the server, the client's own CPU is part of the latency it measures: EventSource's fetch
// and web-stream layers per stream cost more than the server's whole fan-out, and node:http's stream
// per response about as much again as the socket reader.
import { request } from "node:http";
import { connect as connectTcp, type Socket } from "node:net";
import { StringDecoder } from "node:string_decoder";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { ChunkedResponseReader } from "./chunked-response";

export type ClientCommand =
  | { type: "open"; url: string; tokens: string[]; streamsPerToken: number; total: number; inFlight: number; transport: Transport }
  | { type: "measure" }
  | { type: "report" }
  | { type: "close" };

export type ClientMessage =
  | { type: "progress"; open: number; failed: number }
  | { type: "report"; latenciesMs: number[]; events: number; errors: number; ended: number; open: number; windowMs: number };

// The bench sets every quote's timestamp to the batch's publishedAt; the first one is enough, and a
// regex is much cheaper than JSON.parse of 50 quotes per event per client.
const TIMESTAMP = /"timestamp":(\d+)/;

/**
 * "http": node:http responses (IncomingMessage streams). "socket": a bare TCP socket per stream that
 * reads into one shared buffer (net's `onread`), unframes the chunked body itself and feeds the same
 * parser: no stream object per read, so the client spends its CPU on the events, not on Node's layers.
 */
export type Transport = "http" | "socket";

const responses: { destroy(): void }[] = [];
let open = 0;
let failed = 0;
let errors = 0;
let ended = 0;
let measuring = false;
let measureStartedAt = 0;
let events = 0;
let latencies: number[] = [];

const send = (message: ClientMessage) => process.send!(message);

function onStreamEvent(event: EventSourceMessage, settle: (ok: boolean) => void): void {
  if (event.event === "ready") settle(true);
  else if (event.event === "end") ended++;
  else if (event.event === "tickers" && measuring) {
    events++;
    const match = TIMESTAMP.exec(event.data);
    if (match) latencies.push(Date.now() - Number(match[1]));
  }
}

function settler(resolve: () => void): (ok: boolean) => void {
  let settled = false;
  return (ok) => {
    if (settled) return;
    settled = true;
    if (ok) open++;
    else failed++;
    resolve();
  };
}

function connect(url: string, token: string): Promise<void> {
  return new Promise((resolve) => {
    const settle = settler(resolve);
    const parser = createParser({ onEvent: (event) => onStreamEvent(event, settle) });
    const req = request(url, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        settle(false);
        return;
      }
      responses.push(res);
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => parser.feed(chunk));
      res.on("error", () => errors++);
      res.on("close", () => settle(false));
    });
    req.on("error", () => {
      errors++;
      settle(false);
    });
    req.end();
  });
}

// One read buffer for every socket of this process: `onread` hands each read over in it, and the bytes
// are consumed before the callback returns.
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

function connectSocket(url: string, token: string): Promise<void> {
  return new Promise((resolve) => {
    const settle = settler(resolve);
    const parser = createParser({ onEvent: (event) => onStreamEvent(event, settle) });
    const decoder = new StringDecoder("utf8");
    const reader = new ChunkedResponseReader((bytes) => parser.feed(decoder.write(bytes)));
    const target = new URL(url);
    const onBytes = (bytes: Buffer) => {
      const result = reader.push(bytes);
      if (result === "failed") {
        settle(false);
        socket.destroy();
      } else if (result === "ended") socket.end();
    };
    const socket: Socket = connectTcp({
      host: target.hostname,
      port: Number(target.port),
      onread: {
        buffer: READ_BUFFER,
        callback: (size, buffer) => {
          onBytes((buffer as Buffer).subarray(0, size));
          return true;
        },
      },
    });
    socket.setNoDelay(true);
    socket.write(
      `GET ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\nauthorization: Bearer ${token}\r\naccept: text/event-stream\r\n\r\n`,
    );
    responses.push(socket);
    socket.on("error", () => errors++);
    socket.on("close", () => settle(false));
  });
}

async function openAll(command: Extract<ClientCommand, { type: "open" }>): Promise<void> {
  const jobs: string[] = [];
  for (const token of command.tokens) for (let i = 0; i < command.streamsPerToken && jobs.length < command.total; i++) jobs.push(token);
  const progress = setInterval(() => send({ type: "progress", open, failed }), 1_000);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(command.inFlight, jobs.length) }, async () => {
      while (next < jobs.length) await (command.transport === "socket" ? connectSocket : connect)(command.url, jobs[next++]!);
    }),
  );
  clearInterval(progress);
  send({ type: "progress", open, failed });
}

process.on("message", (command: ClientCommand) => {
  switch (command.type) {
    case "open":
      void openAll(command);
      break;
    case "measure":
      measuring = true;
      measureStartedAt = Date.now();
      events = 0;
      errors = 0;
      latencies = [];
      break;
    case "report":
      measuring = false;
      send({ type: "report", latenciesMs: latencies, events, errors, ended, open, windowMs: Date.now() - measureStartedAt });
      break;
    case "close":
      for (const res of responses) res.destroy();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
