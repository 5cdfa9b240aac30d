import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local server that speaks OpenAI's Chat Completions API (POST /v1/chat/completions) for tests: the
// real `openai` client is pointed at stub.baseUrl. It answers `chat.completion` objects, or with
// `stream: true` Server-Sent Events of `chat.completion.chunk` objects ending in `data: [DONE]`, and
// errors in OpenAI's `{ error: { message, type, code } }` shape. Every request is recorded (path,
// Authorization header, parsed body) so tests can check what reached "OpenAI".

export type StubRequest = { method: string; path: string; authorization: string | undefined; body: any };

export type StubReply =
  /** A completed answer whose message content is `content` (streamed in pieces when the request streams). */
  | { kind: "content"; content: string; delayMs?: number; chunkDelayMs?: number; model?: string; finishReason?: string }
  /** Streams these deltas in order (or answers them joined when the request does not stream). */
  | { kind: "chunks"; chunks: string[]; chunkDelayMs?: number; failAfter?: number; stallAfter?: number }
  | { kind: "error"; status: number; message: string; type?: string; code?: string }
  /** Waits this long before answering anything (the client's timeout fires first). */
  | { kind: "hang"; ms: number }
  | { kind: "refusal"; refusal: string };

export type OpenAiStub = {
  baseUrl: string;
  requests: StubRequest[];
  /** Requests whose client hung up before the answer was complete. */
  abandoned: () => number;
  /** Sets how the next requests are answered (until changed). */
  reply: (handler: (request: StubRequest) => StubReply) => void;
  close: () => Promise<void>;
};

// Unref'd, so a stalled reply never keeps the test process alive.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function completion(id: string, model: string, content: string | null, finishReason: string, refusal: string | null = null) {
  return {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
  };
}

function chunk(id: string, model: string, delta: Record<string, unknown>, finishReason: string | null) {
  return { id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
}

function splitContent(content: string): string[] {
  return content.match(/\s*\S+/g) ?? [content];
}

export async function startOpenAiStub(): Promise<OpenAiStub> {
  const requests: StubRequest[] = [];
  let handler: (request: StubRequest) => StubReply = () => ({ kind: "content", content: "Hello from the stub." });
  let counter = 0;
  let abandoned = 0;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    const text = await readBody(req);
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    const request: StubRequest = { method: req.method ?? "GET", path, authorization: req.headers.authorization, body };
    requests.push(request);
    res.on("close", () => {
      if (!res.writableEnded) abandoned += 1;
    });
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `No route ${path}`, type: "invalid_request_error", code: null } }));
      return;
    }
    if (!req.headers.authorization?.startsWith("Bearer ")) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "No API key provided.", type: "invalid_request_error", code: "invalid_api_key" } }));
      return;
    }
    const reply = handler(request);
    const id = `chatcmpl-stub-${++counter}`;
    const model = typeof body?.model === "string" ? body.model : "stub-model";
    const streaming = body?.stream === true;

    if (reply.kind === "hang") {
      await sleep(reply.ms);
      if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(id, model, "late", "stop")));
      return;
    }
    if (reply.kind === "error") {
      res
        .writeHead(reply.status, { "content-type": "application/json", "x-request-id": `req_${id}` })
        .end(JSON.stringify({ error: { message: reply.message, type: reply.type ?? "server_error", code: reply.code ?? null } }));
      return;
    }
    if (reply.kind === "refusal") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(id, model, null, "stop", reply.refusal)));
      return;
    }
    if (reply.kind === "content" && reply.delayMs) await sleep(reply.delayMs);
    const pieces = reply.kind === "content" ? splitContent(reply.content) : reply.chunks;
    if (!streaming) {
      const finish = reply.kind === "content" ? (reply.finishReason ?? "stop") : "stop";
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(id, reply.kind === "content" ? (reply.model ?? model) : model, pieces.join(""), finish)));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const write = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    write(chunk(id, model, { role: "assistant", content: "" }, null));
    const delay = reply.chunkDelayMs ?? 5;
    for (const [index, piece] of pieces.entries()) {
      if (res.destroyed) return;
      if (reply.kind === "chunks" && reply.failAfter === index) {
        // OpenAI reports a failure mid-stream as an `error` object in a data line.
        write({ error: { message: "The server had an error while processing your request.", type: "server_error", code: null } });
        res.end();
        return;
      }
      if (reply.kind === "chunks" && reply.stallAfter === index) {
        await sleep(60_000);
        return;
      }
      write(chunk(id, model, { content: piece }, null));
      await sleep(delay);
    }
    write(chunk(id, model, {}, "stop"));
    res.write("data: [DONE]\n\n");
    res.end();
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    abandoned: () => abandoned,
    reply: (next) => {
      handler = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
