import "server-only";
import { withApi } from "@/lib/api/handler";
import { authenticateRequest } from "@/lib/auth/request-auth";
import { AppError } from "@/lib/errors";
import type { StreamChannel } from "@/lib/market/events";
import type { AuthContext } from "@/lib/auth/sessions";
import { openStream } from "./hub";
import { streamQuerySchema } from "./schemas";
import { redeemStreamTicket } from "./tickets";

// GET /api/v1/stream, shared by the Next route handler (app/api/v1/stream/route.ts) and the production
// server's direct path (node-stream.ts). Both run the same withApi pipeline: request id, validation,
// authentication and every guard withApi applies. Only the body differs: the route answers a web
// ReadableStream; the direct path writes to the Node response itself.

// no-transform also keeps compression off this response; x-accel-buffering: no does the same for nginx.
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

export type DeferredStream = {
  auth: Pick<AuthContext, "userId" | "sessionId" | "tier">;
  channels: StreamChannel[];
  lastEventId: string | null;
};

/** Requests coming through the direct path; their answer carries the stream to open, not a body. */
const directRequests = new WeakSet<Request>();
const deferred = new WeakMap<Response, DeferredStream>();

export function markDirectStream(req: Request): void {
  directRequests.add(req);
}

/** The stream a successful direct-path answer stands for (undefined for an error answer). */
export function takeDeferredStream(res: Response): DeferredStream | undefined {
  const stream = deferred.get(res);
  deferred.delete(res);
  return stream;
}

export const streamRoute = withApi({ query: streamQuerySchema }, async ({ req, query }) => {
  const auth = query.ticket !== undefined ? await redeemStreamTicket(query.ticket) : await authenticateRequest(req);
  if (!auth) {
    throw new AppError(
      "UNAUTHENTICATED",
      query.ticket !== undefined ? "The stream ticket is invalid, expired or already used: ask for a new one." : "Sign in to continue: send a bearer access token or a stream ticket.",
    );
  }
  const lastEventId = req.headers.get("last-event-id") ?? query.lastEventId ?? null;
  if (directRequests.has(req)) {
    const res = new Response(null, { status: 200, headers: SSE_HEADERS });
    deferred.set(res, { auth, channels: query.channels, lastEventId });
    return res;
  }
  const stream = openStream({ auth, channels: query.channels, lastEventId, signal: req.signal });
  return new Response(stream, { headers: SSE_HEADERS });
});
