// Browser side of the AI endpoints: the JSON envelope for analyze, server-sent events for chat.
import type { AiQuota, AnalysisView } from "@/lib/ai/schemas";
import { createSseParser } from "@/lib/realtime/sse";

export type ApiFailure = { code: string; message: string; retryAfterSeconds: number | null };

type Envelope<T> = { success: true; data: T } | { success: false; error: { code: string; message: string } };

function retryAfter(response: Response): number | null {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : null;
}

async function failureFrom(response: Response): Promise<ApiFailure> {
  try {
    const body = (await response.json()) as Envelope<unknown>;
    if (!body.success) return { ...body.error, retryAfterSeconds: retryAfter(response) };
  } catch {
    // fall through to the generic message
  }
  return { code: "INTERNAL", message: `The server answered ${response.status}. Try again.`, retryAfterSeconds: retryAfter(response) };
}

export async function requestAnalysis(symbol: string, signal?: AbortSignal): Promise<{ ok: true; data: AnalysisView } | { ok: false; error: ApiFailure }> {
  try {
    const response = await fetch(`/api/v1/ai/analyze/${encodeURIComponent(symbol)}`, { method: "POST", headers: { accept: "application/json" }, signal });
    if (!response.ok) return { ok: false, error: await failureFrom(response) };
    const body = (await response.json()) as Envelope<AnalysisView>;
    return body.success ? { ok: true, data: body.data } : { ok: false, error: { ...body.error, retryAfterSeconds: null } };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, error: { code: "NETWORK", message: "Could not reach the server. Check your connection.", retryAfterSeconds: null } };
  }
}

export type ChatDone = { source: "model" | "offline"; model: string | null; finishReason: string | null; quota: AiQuota };

export type ChatHandlers = {
  onDelta: (text: string) => void;
  onDone: (done: ChatDone) => void;
  onError: (error: ApiFailure) => void;
};

/** Sends the conversation and feeds the streamed answer to the handlers until done, error or abort. */
export async function streamChat(
  body: { messages: { role: "user" | "assistant"; content: string }[]; symbol?: string },
  handlers: ChatHandlers,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/v1/ai/chat", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
  } catch {
    if (!signal.aborted) handlers.onError({ code: "NETWORK", message: "Could not reach the server. Check your connection.", retryAfterSeconds: null });
    return;
  }
  if (!response.ok || !response.body) {
    handlers.onError(await failureFrom(response));
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const item of parser.push(decoder.decode(value, { stream: true }))) {
        if (item.kind !== "event") continue;
        const data = JSON.parse(item.data) as Record<string, unknown>;
        if (item.event === "delta") handlers.onDelta(String(data.text ?? ""));
        else if (item.event === "done") {
          finished = true;
          handlers.onDone(data as unknown as ChatDone);
        } else if (item.event === "error") {
          finished = true;
          handlers.onError({ code: String(data.code), message: String(data.message), retryAfterSeconds: null });
        }
      }
    }
  } catch {
    if (signal.aborted) return;
  }
  if (!finished && !signal.aborted) handlers.onError({ code: "NETWORK", message: "The connection closed before the answer was complete.", retryAfterSeconds: null });
}
