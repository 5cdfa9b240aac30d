import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { corsHeaders } from "@/lib/security/origin";
import { getHub, type NodeResponseLike } from "./hub";
import { markDirectStream, streamRoute, takeDeferredStream } from "./stream-route";

// The production server (scripts/server.mjs) hands GET /api/v1/stream here instead of to Next: the
// same withApi pipeline decides (auth, validation, guards, error envelope), then the hub writes each
// event straight to the socket. Next's response pipeline costs more per write than the hub itself, and
// with 10,000 open streams that is the difference between keeping up and falling behind.

function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const host = req.headers.host ?? "localhost";
  return new Request(new URL(req.url ?? "/", `http://${host}`), { method: "GET", headers });
}

export async function serveStreamFromNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const webReq = toWebRequest(req);
  markDirectStream(webReq);
  const answer = await streamRoute(webReq);
  const stream = takeDeferredStream(answer);
  // Next's configured headers and the proxy do not run on this path: the same security headers (and
  // CORS for allowed origins) as every other API answer are added here.
  const headers: Record<string, string> = { ...apiSecurityHeaders(env.isProduction), ...corsHeaders(req.headers.origin ?? null, env.corsOrigins) };
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (!stream) {
    const body = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, headers).end(body);
    return;
  }
  if (res.destroyed) return;
  // No idle timeout on a stream (heartbeats keep proxies happy); small frames go out at once.
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  res.writeHead(200, headers);
  // The status line and headers go out now; from here on the hub writes the events to the socket itself.
  res.flushHeaders();
  try {
    getHub().openNode(stream, socketWriter(res));
  } catch (error) {
    logger.error({ err: error }, "stream: could not open a direct stream");
    res.end();
  }
}

const CRLF = Buffer.from("\r\n");
/** Chunked-encoding framing of a frame, made once per frame: a batch's frame is shared by every stream. */
const framed = new WeakMap<Uint8Array, Buffer>();

function chunk(frame: Uint8Array): Buffer {
  let out = framed.get(frame);
  if (!out) {
    out = Buffer.concat([Buffer.from(`${frame.byteLength.toString(16)}\r\n`), frame, CRLF]);
    framed.set(frame, out);
  }
  return out;
}

/**
 * The response as the hub writes to it: each event is one write straight to the socket, framed for
 * chunked transfer encoding when the response uses it (HTTP/1.1), instead of ServerResponse.write's
 * three writes per event. Back-pressure is the socket's; the response still ends the stream.
 */
function socketWriter(res: ServerResponse): NodeResponseLike {
  const socket = res.socket!;
  const isChunked = (res as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding === true;
  const encode = (frame: Uint8Array) => (isChunked ? chunk(frame) : frame);
  return {
    get writableEnded() {
      return res.writableEnded;
    },
    get destroyed() {
      return res.destroyed || socket.destroyed;
    },
    get writableNeedDrain() {
      return socket.writableNeedDrain;
    },
    write: (frame) => socket.write(encode(frame)),
    end: (frame) => {
      if (frame && !socket.destroyed) socket.write(encode(frame));
      return res.end();
    },
    once: (event, listener) => (event === "drain" ? socket.once(event, listener) : res.once(event, listener)),
    on: (event, listener) => (event === "drain" ? socket.on(event, listener) : res.on(event, listener)),
    off: (event, listener) => (event === "drain" ? socket.off(event, listener) : res.off(event, listener)),
  };
}

type DirectStreamHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Called at boot: scripts/server.mjs looks for this handler on globalThis. */
export function registerDirectStreamHandler(): void {
  (globalThis as { __tradepulseStreamHandler?: DirectStreamHandler }).__tradepulseStreamHandler = serveStreamFromNode;
}
