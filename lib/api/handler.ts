import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { AppError, isAppError, type ErrorDetail } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { countAuthFailure, countRateLimited, countSecurityBlock, observeHttpRequest } from "@/lib/metrics";
import { rateLimitedError, rateLimitHeaders } from "@/lib/ratelimit";
import { runWithContext } from "@/lib/security/context";
import { isCrossSiteCookieWrite } from "@/lib/security/origin";
import { consumeApiLimit, limitSubject } from "@/lib/security/rate-limit";
import { screenRequest } from "@/lib/security/screen";
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
 * The route's pattern for metrics ("/api/v1/portfolios/[portfolioId]"), never the raw path: each path
 * parameter's segment is replaced by its name, searching from the right.
 */
export function routePattern(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split("/");
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      segments.splice(segments.length - value.length, value.length, `[...${name}]`);
      continue;
    }
    if (value === undefined) continue;
    for (let i = segments.length - 1; i >= 0; i--) {
      let segment = segments[i]!;
      try {
        segment = decodeURIComponent(segment);
      } catch {
        // keep the raw segment
      }
      if (segment === value) {
        segments[i] = `[${name}]`;
        break;
      }
    }
  }
  return segments.join("/") || "/";
}

function ownOrigins(req: Request): string[] {
  const origins = [new URL(env.appUrl).origin, new URL(req.url).origin];
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
    origins.push(`${proto}://${host}`);
  }
  return origins;
}

/**
 * Wraps a /api/v1 route handler. In order: request id and the request's context (log lines carry the
 * id), the blocked-address check, refusal of cross-site cookie writes, authentication, the rate limit
 * (100/min per user, per address when signed out), input parsing with zod, then the handler, run with
 * row-level security scoped to the authenticated user. AppError → error envelope and status; anything
 * unexpected → 500 INTERNAL without internals. Every answer carries X-Request-Id and RateLimit-*.
 */
export function withApi<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  A extends AuthMode = undefined,
>(options: ApiOptions<B, Q, P, A>, handler: Handler<B, Q, P, A>) {
  return function route(req: Request, context?: RouteContext): Promise<Response> {
    const requestId = requestIdFrom(req.headers);
    return runWithContext({ requestId }, () => handle(req, context, requestId));
  };

  async function handle(req: Request, context: RouteContext | undefined, requestId: string): Promise<Response> {
    const started = performance.now();
    const log = logger.child({ requestId });
    const url = new URL(req.url);
    const ip = resolveClientIp(req.headers, env.trustProxyHops);
    let status = 500;
    let pattern = url.pathname;
    let limitHeaders: Record<string, string> = {};
    try {
      const rawParams = (await context?.params) ?? {};
      pattern = routePattern(url.pathname, rawParams);
      const verdict = await screenRequest({ ip, pathname: url.pathname, method: req.method, headers: req.headers });
      if (!verdict.allowed) throw new AppError("IP_BLOCKED", "Requests from your address are blocked.");
      if (isCrossSiteCookieWrite({ method: req.method, headers: req.headers, ownOrigins: ownOrigins(req) })) {
        countSecurityBlock("cross_origin");
        throw new AppError("FORBIDDEN", "Cross-site requests with a session cookie may not change anything: call the API with a bearer token.");
      }
      let auth: AuthContext | null = null;
      let authError: unknown = null;
      if (options.auth) {
        const { authenticateRequest } = await import("@/lib/auth/request-auth");
        try {
          auth = await authenticateRequest(req);
        } catch (error) {
          authError = error;
        }
      }
      const subject = await limitSubject(req, auth, ip);
      const limit = await consumeApiLimit(subject);
      if (limit) {
        limitHeaders = rateLimitHeaders(limit);
        if (!limit.allowed) {
          countRateLimited(subject.kind);
          throw rateLimitedError(limit, "Too many requests: the API allows 100 a minute. Wait for the time in Retry-After.");
        }
      }
      if (authError) throw authError;
      if (options.auth && !auth && options.auth !== "optional") throw new AppError("UNAUTHENTICATED", "Sign in to continue: send a bearer access token.");
      if (auth && options.auth === "admin" && auth.role !== "admin") throw new AppError("FORBIDDEN", "This needs an administrator.");
      const params = options.params ? parseWith(options.params, rawParams, "path") : undefined;
      const query = options.query
        ? parseWith(options.query, Object.fromEntries(url.searchParams.entries()), "query")
        : undefined;
      const body = options.body
        ? parseWith(options.body, await readJsonBody(req, options.maxBodyBytes ?? MAX_JSON_BODY_BYTES), "body")
        : undefined;
      // Row-level security: a user's request sees only that user's rows even if a query forgets its
      // filter. Administrators' routes act across users and run as system work.
      const actingUser = auth && options.auth !== "admin" ? auth.userId : null;
      const result = await runWithContext({ requestId, userId: actingUser }, () =>
        handler({
          req,
          auth: auth as AuthFor<A>,
          body: body as Out<B>,
          query: query as Out<Q>,
          params: params as Out<P>,
          requestId,
          ip,
          userAgent: req.headers.get("user-agent") ?? undefined,
          log,
        }),
      );
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        for (const [name, value] of Object.entries(limitHeaders)) if (!result.headers.has(name)) result.headers.set(name, value);
        status = result.status;
        return result;
      }
      if (!isApiResult(result)) throw new Error("route handler returned neither ApiResult nor Response");
      status = result.status;
      return json(successBody(result, requestId), result.status, requestId, { ...limitHeaders, ...result.headers });
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError("INTERNAL");
      status = appError.status;
      if (!isAppError(error)) log.error({ err: error, method: req.method, path: url.pathname }, "unhandled error in route");
      if (appError.status === 401 || (appError.code === "FORBIDDEN" && options.auth === "admin")) countAuthFailure(appError.code.toLowerCase());
      return json(errorBody(appError.code, appError.message, requestId, appError.details), appError.status, requestId, { ...limitHeaders, ...appError.headers });
    } finally {
      const seconds = (performance.now() - started) / 1000;
      observeHttpRequest({ method: req.method, route: pattern, status, seconds });
      log.debug({ method: req.method, path: url.pathname, route: pattern, status, ms: Math.round(seconds * 100_000) / 100 }, "request");
    }
  }
}
