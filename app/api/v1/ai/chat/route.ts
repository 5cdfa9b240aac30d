// POST /api/v1/ai/chat – a conversation with the AI analyst, answered as server-sent events
import { startAiChat } from "@/lib/ai/chat";
import { chatRequestSchema } from "@/lib/ai/schemas";
import { withApi } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

export const POST = withApi({ auth: "user", body: chatRequestSchema, maxBodyBytes: 128 * 1024 }, async ({ auth, body, req }) => {
  const { stream, source } = await startAiChat({ auth, input: body, signal: req.signal });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-store, no-transform",
      "x-accel-buffering": "no",
      "x-ai-source": source,
    },
  });
});
