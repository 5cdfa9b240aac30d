import "server-only";
import type { AuthContext } from "@/lib/auth/sessions";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { encodeComment, encodeJsonEvent } from "@/lib/realtime/sse";
import { getChatContext } from "./context";
import { chunkText } from "./format";
import { composeOfflineChatReply, computeOfflineAnalysis } from "./offline";
import { buildChatMessages } from "./prompts";
import { isModelConfigured, openModelChatStream } from "./provider";
import { consumeAiQuota, enforceAiRateLimit, refundAiQuota, requireAiTier } from "./quota";
import type { AiQuota, AnalysisSource, ChatRequest } from "./schemas";

// POST /ai/chat answers with server-sent events (text/event-stream):
//   event: delta  data: {"text": "..."}                     pieces of the answer, in order
//   event: done   data: {"source", "model", "finishReason", "quota"}
//   event: error  data: {"code", "message"}                 the stream failed after it started; no done follows
// Failures before the first byte (tier, limits, validation, the provider refusing the request or
// timing out) are ordinary JSON error responses with their status.

export type ChatStreamResult = { stream: ReadableStream<Uint8Array>; source: AnalysisSource };

const OFFLINE_CHUNK_DELAY_MS = 15;
const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();

/** Waits `ms`, or less when the request aborts; either way it leaves no listener on the signal. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function* offlineDeltas(text: string, signal?: AbortSignal): AsyncGenerator<string, { finishReason: string | null }> {
  for (const chunk of chunkText(text)) {
    if (signal?.aborted) break;
    yield chunk;
    await sleep(OFFLINE_CHUNK_DELAY_MS, signal);
  }
  return { finishReason: "stop" };
}

function toSseStream({
  deltas,
  done,
  signal,
}: {
  deltas: AsyncGenerator<string, { finishReason: string | null }>;
  done: (finishReason: string | null) => Record<string, unknown>;
  signal?: AbortSignal;
}): ReadableStream<Uint8Array> {
  let heartbeat: NodeJS.Timeout | undefined;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The client went away; the loop below stops on the abort.
        }
      };
      // A proxy between us and the client must not time out a slow model's silence.
      heartbeat = setInterval(() => send(encodeComment("keep-alive")), HEARTBEAT_MS);
      try {
        for (;;) {
          const next = await deltas.next();
          if (cancelled) break;
          if (next.done) {
            send(encodeJsonEvent("done", done(next.value?.finishReason ?? null)));
            break;
          }
          send(encodeJsonEvent("delta", { text: next.value }));
        }
      } catch (error) {
        const appError = isAppError(error) ? error : new AppError("AI_UPSTREAM_ERROR", "The answer stopped because of an error.");
        if (!isAppError(error)) logger.error({ err: error }, "ai chat: stream failed");
        if (!signal?.aborted && !cancelled) send(encodeJsonEvent("error", { code: appError.code, message: appError.message }));
      } finally {
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by a cancel
        }
      }
    },
    async cancel() {
      cancelled = true;
      clearInterval(heartbeat);
      await deltas.return({ finishReason: null }).catch(() => {});
    },
  });
}

/**
 * Checks tier, limits and quota, gathers this user's context and opens the answer stream: the model's
 * when configured (the request to it is answered before this resolves), the offline analyst's otherwise.
 */
export async function startAiChat({ auth, input, signal }: { auth: Pick<AuthContext, "userId" | "tier">; input: ChatRequest; signal?: AbortSignal }): Promise<ChatStreamResult> {
  requireAiTier(auth.tier);
  await enforceAiRateLimit(auth.userId);
  const now = new Date();
  const context = await getChatContext({ userId: auth.userId, tier: auth.tier, symbol: input.symbol, now });
  const quota: AiQuota = await consumeAiQuota({ userId: auth.userId, tier: auth.tier, now });

  if (!isModelConfigured()) {
    const analysis = context.symbol ? computeOfflineAnalysis(context.symbol) : null;
    const question = input.messages.at(-1)!.content;
    const text = composeOfflineChatReply({ question, context, analysis });
    return {
      source: "offline",
      stream: toSseStream({ deltas: offlineDeltas(text, signal), done: (finishReason) => ({ source: "offline", model: null, finishReason, quota }), signal }),
    };
  }

  let opened: Awaited<ReturnType<typeof openModelChatStream>>;
  try {
    opened = await openModelChatStream({ messages: buildChatMessages(context, input.messages), signal });
  } catch (error) {
    await refundAiQuota({ userId: auth.userId, now }).catch((refundError: unknown) => logger.warn({ err: refundError }, "ai: quota refund failed"));
    throw error;
  }
  return {
    source: "model",
    stream: toSseStream({ deltas: opened.deltas, done: (finishReason) => ({ source: "model", model: opened.model, finishReason, quota }), signal }),
  };
}
