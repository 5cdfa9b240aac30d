import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";

// One documented operation of the REST API. The registry (./registry.ts) lists every route file's
// exported method; the coverage test fails when a route has no entry or an entry has no route.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** "none": public; "user": a live session (bearer token or the browser's session cookie); "admin": and role admin. */
export type RouteAuth = "none" | "user" | "admin";

export type ResponseKind =
  /** `{ success, data, meta }` with `data` described by `response` */
  | "envelope"
  /** the envelope plus `pagination`; `response` describes ONE item of the `data` array */
  | "paginated"
  /** a non-JSON body (a file, an event stream, Prometheus text) described by `contentType` */
  | "raw"
  /** a bare JSON document that is not in the envelope (health, the OpenAPI document itself) */
  | "json";

export type RouteDoc = {
  method: HttpMethod;
  /** The path under `base`, in API.md form with the route folder's parameter names: `/portfolios/{portfolioId}`. */
  path: string;
  /** Defaults to "/api/v1"; system routes live under "/api". */
  base?: "/api/v1" | "/api";
  /** A stable, unique camelCase name; typed clients use it. */
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: RouteAuth;
  /** The SAME zod schemas the route hands to withApi. */
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success status (200 unless given). */
  status?: 200 | 201 | 202;
  /** Other success statuses the route may answer with the same shape (e.g. import: 200 for a dry run). */
  alsoStatus?: (200 | 201 | 202)[];
  kind?: ResponseKind;
  /** The success `data` (or the item of a paginated list, or the bare JSON document). */
  response?: z.ZodType;
  /** For kind "raw": the media types the body may have. */
  contentType?: string[];
  /** Error codes this route answers beyond those implied by auth and input (UNAUTHENTICATED, VALIDATION_ERROR, …). */
  errors?: ErrorCode[];
  /** Routes that call guardAuthRequest (blocked addresses and the per-address limit on /auth). */
  authGuard?: boolean;
  /** Extra response headers worth documenting, name → description. */
  headers?: Record<string, string>;
};

export const route = (doc: RouteDoc): RouteDoc => doc;
