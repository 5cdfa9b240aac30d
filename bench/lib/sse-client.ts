// One client process of bench/sse.ts (forked with IPC): opens its share of SSE streams and measures, per
// `tickers` event, the time from the batch's publish to its receipt here. Streams are plain node:http
// responses parsed by eventsource-parser (the parser inside the `eventsource` package): on a 2-core
// machine that also runs the server, EventSource's fetch and web-stream layers per stream cost more CPU
// than the server's whole fan-out, and the measurement would mostly time the clients.
import { request, type IncomingMessage } from "node:http";
import { createParser } from "eventsource-parser";

export type ClientCommand =
  | { type: "open"; url: string; tokens: string[]; streamsPerToken: number; total: number; inFlight: number }
  | { type: "measure" }
  | { type: "report" }
  | { type: "close" };

export type ClientMessage =
  | { type: "progress"; open: number; failed: number }
  | { type: "report"; latenciesMs: number[]; events: number; errors: number; ended: number; open: number; windowMs: number };

// The bench sets every quote's timestamp to the batch's publishedAt; the first one is enough, and a
// regex is much cheaper than JSON.parse of 50 quotes per event per client.
const TIMESTAMP = /"timestamp":(\d+)/;

const responses: IncomingMessage[] = [];
let open = 0;
let failed = 0;
let errors = 0;
let ended = 0;
let measuring = false;
let measureStartedAt = 0;
let events = 0;
let latencies: number[] = [];

const send = (message: ClientMessage) => process.send!(message);

function connect(url: string, token: string): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (ok) open++;
      else failed++;
      resolve();
    };
    const parser = createParser({
      onEvent: (event) => {
        if (event.event === "ready") settle(true);
        else if (event.event === "end") ended++;
        else if (event.event === "tickers" && measuring) {
          events++;
          const match = TIMESTAMP.exec(event.data);
          if (match) latencies.push(Date.now() - Number(match[1]));
        }
      },
    });
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

async function openAll(command: Extract<ClientCommand, { type: "open" }>): Promise<void> {
  const jobs: string[] = [];
  for (const token of command.tokens) for (let i = 0; i < command.streamsPerToken && jobs.length < command.total; i++) jobs.push(token);
  const progress = setInterval(() => send({ type: "progress", open, failed }), 1_000);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(command.inFlight, jobs.length) }, async () => {
      while (next < jobs.length) await connect(command.url, jobs[next++]!);
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
