// GET /api/v1/stream – server-sent events: tickers, signals, pumps and the caller's notifications
import { withApi } from "@/lib/api/handler";
import { authenticateRequest } from "@/lib/auth/request-auth";
import { AppError } from "@/lib/errors";
import { openStream } from "@/lib/realtime/hub";
import { streamQuerySchema } from "@/lib/realtime/schemas";
import { redeemStreamTicket } from "@/lib/realtime/tickets";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// no-transform also keeps the compression middleware of Next's server off this response (it honours
// Cache-Control: no-transform); x-accel-buffering: no does the same for nginx.
const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

export const GET = withApi({ query: streamQuerySchema }, async ({ req, query }) => {
  const auth = query.ticket !== undefined ? await redeemStreamTicket(query.ticket) : await authenticateRequest(req);
  if (!auth) {
    throw new AppError(
      "UNAUTHENTICATED",
      query.ticket !== undefined ? "The stream ticket is invalid, expired or already used: ask for a new one." : "Sign in to continue: send a bearer access token or a stream ticket.",
    );
  }
  const stream = openStream({
    auth,
    channels: query.channels,
    lastEventId: req.headers.get("last-event-id") ?? query.lastEventId,
    signal: req.signal,
  });
  return new Response(stream, { headers: SSE_HEADERS });
});
