// GET /api/v1/stream – server-sent events: tickers, signals, pumps and the caller's notifications.
// The production server serves this path directly (lib/realtime/node-stream.ts) through the same
// handler; this route answers under `next dev` and wherever the custom server is not in front.
import { streamRoute } from "@/lib/realtime/stream-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = streamRoute;
