import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { AppError, isAppError, type ErrorDetail } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { resolveClientIp } from "./client-ip";
import { errorBody, isApiResult, successBody, type ApiResult } from "./respond";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type AuthMode = "user" | "admin" | "optional" | undefined;
type AuthFor<A> = A extends "user" | "admin" ? AuthContext : AuthContext | null;

export type ApiContext<TBody, TQuery, TParams, TAuth = AuthContext | null> = {
  req: Request;
  /** The acting user and session; required unless the route is public. */
  auth: TAuth;
  body: TBody;
  query: TQuery;
  params: TParams;
  requestId: string;
  ip: string;
  userAgent: string | undefined;
  log: typeof logger;
};

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiOptions<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined, A extends AuthMode = undefined> = {
  /** "user": a live session is required (401 otherwise); "admin": and role admin (403); "optional": resolved if present. */
  auth?: A;
  body?: B;
  query?: Q;
  params?: P;
  /** Largest accepted body in bytes (default 1 MB). */
  maxBodyBytes?: number;
};

type Handler<B, Q, P, A> = (ctx: ApiContext<Out<B>, Out<Q>, Out<P>, AuthFor<A>>) => Promise<ApiResult | Response> | ApiResult | Response;

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join(".") : "(root)",
    message: issue.message,
  }));
}

function parseWith<S extends Schema>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("VALIDATION_ERROR", `The request ${where} is invalid.`, { details: zodDetails(result.error) });
  }
  return result.data;
}

async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${limit} bytes.`);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (text.trim() === "") return {};
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION_ERROR", "The request body is not valid JSON.", {
      details: [{ field: "(body)", message: "Malformed JSON" }],
    });
  }
}

function json(body: unknown, status: number, requestId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-request-id": requestId,
      ...headers,
    },
  });
}

export function errorResponse(error: AppError, requestId: string): Response {
  return json(errorBody(error.code, error.message, requestId, error.details), error.status, requestId, error.headers);
}

/**
 * Wraps a /api/v1 route handler: request id, input parsing with zod, the envelope, AppError → status,
 * anything unexpected → 500 INTERNAL without internals.
 */
export function withApi<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  A extends AuthMode = undefined,
>(options: ApiOptions<B, Q, P, A>, handler: Handler<B, Q, P, A>) {
  return async function route(req: Request, context?: RouteContext): Promise<Response> {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const log = logger.child({ requestId });
    const url = new URL(req.url);
    let status = 500;
    try {
      let auth: AuthContext | null = null;
      if (options.auth) {
        const { authenticateRequest } = await import("@/lib/auth/request-auth");
        auth = await authenticateRequest(req);
        if (!auth && options.auth !== "optional") throw new AppError("UNAUTHENTICATED", "Sign in to continue: send a bearer access token.");
        if (auth && options.auth === "admin" && auth.role !== "admin") throw new AppError("FORBIDDEN", "This needs an administrator.");
      }
      const params = options.params
        ? parseWith(options.params, (await context?.params) ?? {}, "path")
        : undefined;
      const query = options.query
        ? parseWith(options.query, Object.fromEntries(url.searchParams.entries()), "query")
        : undefined;
      const body = options.body
        ? parseWith(options.body, await readJsonBody(req, options.maxBodyBytes ?? MAX_JSON_BODY_BYTES), "body")
        : undefined;
      const result = await handler({
        req,
        auth: auth as AuthFor<A>,
        body: body as Out<B>,
        query: query as Out<Q>,
        params: params as Out<P>,
        requestId,
        ip: resolveClientIp(req.headers, env.trustProxyHops),
        userAgent: req.headers.get("user-agent") ?? undefined,
        log,
      });
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        status = result.status;
        return result;
      }
      if (!isApiResult(result)) throw new Error("route handler returned neither ApiResult nor Response");
      status = result.status;
      return json(successBody(result, requestId), result.status, requestId, result.headers);
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError("INTERNAL");
      status = appError.status;
      if (!isAppError(error)) log.error({ err: error, method: req.method, path: url.pathname }, "unhandled error in route");
      return errorResponse(appError, requestId);
    } finally {
      log.debug(
        { method: req.method, path: url.pathname, status, ms: Math.round((performance.now() - started) * 100) / 100 },
        "request",
      );
    }
  };
}
