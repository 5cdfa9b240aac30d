import "server-only";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { Stream } from "openai/streaming";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseModelAnalysis, type PromptMessage } from "./prompts";
import { modelAnalysisSchema, type ModelAnalysis } from "./schemas";

// The OpenAI adapter (official client, Chat Completions). The API key is read here and nowhere else;
// it never appears in an answer or a log line. Every call has a hard deadline, so no request hangs:
// the client's per-attempt timeout and one retry for connection errors and 5xx, inside an overall
// AbortSignal of the same length.

export type AiProviderOverrides = {
  /** null forces the offline analyst even when OPENAI_API_KEY is set. */
  apiKey?: string | null;
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
};

// Tests point the real client at a local server that speaks the Chat Completions API.
const globalForAi = globalThis as unknown as { __tradepulseAiOverrides?: AiProviderOverrides };

export function setAiProviderOverrides(overrides: AiProviderOverrides | undefined): void {
  globalForAi.__tradepulseAiOverrides = overrides;
}

type ProviderConfig = { apiKey: string; baseUrl: string | undefined; model: string; timeoutMs: number; maxRetries: number };

function providerConfig(): ProviderConfig | null {
  const overrides = globalForAi.__tradepulseAiOverrides ?? {};
  const apiKey = overrides.apiKey === null ? undefined : (overrides.apiKey ?? env.openai.apiKey);
  if (!apiKey) return null;
  return {
    apiKey,
    baseUrl: overrides.baseUrl ?? env.openai.baseUrl,
    model: overrides.model ?? env.openai.model,
    timeoutMs: overrides.timeoutMs ?? env.openai.timeoutMs,
    maxRetries: overrides.maxRetries ?? 1,
  };
}

/** Whether a model is configured; otherwise the offline analyst answers. */
export function isModelConfigured(): boolean {
  return providerConfig() !== null;
}

export function configuredModelName(): string | null {
  return providerConfig()?.model ?? null;
}

function openClient(config: ProviderConfig): OpenAI {
  return new OpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl, timeout: config.timeoutMs, maxRetries: config.maxRetries });
}

function timeoutError(config: Pick<ProviderConfig, "timeoutMs">): AppError {
  return new AppError("AI_TIMEOUT", `The AI model did not answer within ${Math.round(config.timeoutMs / 100) / 10} s. Try again in a moment.`);
}

/** Maps a client error to 502 AI_UPSTREAM_ERROR or 504 AI_TIMEOUT; logs the upstream detail. */
export function toAiError(error: unknown, config: Pick<ProviderConfig, "timeoutMs">, deadlineHit: boolean): AppError {
  if (error instanceof AppError) return error;
  if (deadlineHit || error instanceof APIConnectionTimeoutError) return timeoutError(config);
  if (error instanceof APIUserAbortError) return new AppError("AI_UPSTREAM_ERROR", "The AI request was cancelled.");
  if (error instanceof APIConnectionError) {
    logger.warn({ err: error.cause ?? error }, "ai: could not reach the provider");
    return new AppError("AI_UPSTREAM_ERROR", "The AI provider could not be reached.");
  }
  if (error instanceof APIError) {
    logger.warn({ status: error.status, code: error.code, type: error.type, requestId: error.requestID }, "ai: provider answered with an error");
    const message =
      error.status === 401 || error.status === 403
        ? "The AI provider rejected this server's credentials; an administrator must check OPENAI_API_KEY."
        : error.status === 429
          ? "The AI provider is rate limiting this server. Try again shortly."
          : `The AI provider answered with an error (HTTP ${error.status ?? "?"}).`;
    return new AppError("AI_UPSTREAM_ERROR", message);
  }
  logger.error({ err: error }, "ai: unexpected error");
  return new AppError("AI_UPSTREAM_ERROR", "The AI request failed.");
}

/** Runs `run` with an overall deadline; the signal also aborts when `outer` does. */
async function withDeadline<T>(config: ProviderConfig, outer: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let deadlineHit = false;
  const timer = setTimeout(() => {
    deadlineHit = true;
    controller.abort();
  }, config.timeoutMs);
  const onOuterAbort = () => controller.abort();
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  try {
    return await run(controller.signal);
  } catch (error) {
    throw toAiError(error, config, deadlineHit);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

export type ModelAnalysisResult = { analysis: ModelAnalysis; model: string };

/** Asks the model for a structured analysis (JSON schema response format) and validates it. */
export async function requestModelAnalysis({ messages, price, signal }: { messages: PromptMessage[]; price: number; signal?: AbortSignal }): Promise<ModelAnalysisResult> {
  const config = providerConfig();
  if (!config) throw new AppError("SERVICE_UNAVAILABLE", "No AI model is configured.");
  const client = openClient(config);
  const completion = await withDeadline(config, signal, (deadline) =>
    client.chat.completions.create(
      { model: config.model, messages, temperature: 0.2, response_format: zodResponseFormat(modelAnalysisSchema, "market_analysis") },
      { signal: deadline },
    ),
  );
  const choice = completion.choices[0];
  if (choice?.message.refusal) throw new AppError("AI_UPSTREAM_ERROR", "The AI model declined to analyze this request.");
  if (choice?.finish_reason === "length") throw new AppError("AI_UPSTREAM_ERROR", "The AI model's answer was cut off before it was complete.");
  const parsed = parseModelAnalysis(choice?.message.content, price);
  if (!parsed.ok) {
    logger.warn({ model: completion.model, reason: parsed.reason }, "ai: malformed analysis from the model");
    throw new AppError("AI_UPSTREAM_ERROR", parsed.reason);
  }
  return { analysis: parsed.analysis, model: completion.model || config.model };
}

export type ChatStream = { model: string; deltas: AsyncGenerator<string, { finishReason: string | null }> };

/**
 * Opens a streamed chat completion. Resolves once the provider has answered the request (so an
 * upstream error or timeout before any text is a normal 502/504); the deltas then arrive with an idle
 * timeout of the same length between chunks.
 */
export async function openModelChatStream({ messages, signal }: { messages: PromptMessage[]; signal?: AbortSignal }): Promise<ChatStream> {
  const config = providerConfig();
  if (!config) throw new AppError("SERVICE_UNAVAILABLE", "No AI model is configured.");
  const active: ProviderConfig = config;
  const client = openClient(config);
  const controller = new AbortController();
  let idleHit = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      idleHit = true;
      controller.abort();
    }, config.timeoutMs);
  };
  const onOuterAbort = () => controller.abort();
  signal?.addEventListener("abort", onOuterAbort, { once: true });
  const release = () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onOuterAbort);
  };
  arm();
  let stream: Stream<ChatCompletionChunk>;
  try {
    stream = await client.chat.completions.create({ model: config.model, messages, stream: true, temperature: 0.4 }, { signal: controller.signal });
  } catch (error) {
    release();
    throw toAiError(error, config, idleHit);
  }
  async function* deltas(): AsyncGenerator<string, { finishReason: string | null }> {
    let finishReason: string | null = null;
    try {
      arm();
      for await (const chunk of stream) {
        arm();
        const choice = chunk.choices[0];
        if (choice?.delta?.content) yield choice.delta.content;
        if (choice?.finish_reason) finishReason = choice.finish_reason;
      }
      // The client ends the iteration quietly when it is aborted; a stall is still an error.
      if (idleHit) throw timeoutError(active);
      return { finishReason };
    } catch (error) {
      throw toAiError(error, active, idleHit);
    } finally {
      release();
      controller.abort();
    }
  }
  return { model: config.model, deltas: deltas() };
}
