import { createHash } from "node:crypto";
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { publicUserSchema, sessionSchema, tokenPairSchema, userResultSchema } from "./responses/auth";
import { deletedSchema, errorEnvelopeSchema, messageSchema, metaSchema, paginationSchema, revokedSchema } from "./responses/common";
import { exchangeKeySchema, supportedExchangeSchema } from "./responses/exchanges";
import { candleSchema, tickerSchema } from "./responses/market";
import { holdingSchema, portfolioSchema, shareSchema, transactionSchema } from "./responses/portfolio";
import { API_ROUTES, TAGS } from "./registry";
import type { RouteDoc } from "./types";

// Builds the OpenAPI 3.1 document of API.md from the route registry and the routes' own zod schemas.

type Json = Record<string, unknown>;
export type OpenApiDocument = Json & { openapi: "3.1.0"; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Json> } & Json };

const REF = (name: string) => `#/components/schemas/${name}`;

/** Components with a readable name; every other schema is named after its operation. */
const NAMED_OUTPUTS: [z.ZodType, string][] = [
  [metaSchema, "Meta"],
  [paginationSchema, "Pagination"],
  [errorEnvelopeSchema, "ErrorEnvelope"],
  [publicUserSchema, "User"],
  [userResultSchema, "UserResult"],
  [tokenPairSchema, "TokenPair"],
  [sessionSchema, "Session"],
  [portfolioSchema, "Portfolio"],
  [transactionSchema, "Transaction"],
  [holdingSchema, "Holding"],
  [shareSchema, "Share"],
  [tickerSchema, "Ticker"],
  [candleSchema, "Candle"],
  [exchangeKeySchema, "ExchangeKey"],
  [supportedExchangeSchema, "SupportedExchange"],
  [deletedSchema, "Deleted"],
  [revokedSchema, "Revoked"],
  [messageSchema, "Message"],
];

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** Error codes a route may answer: its own list plus those implied by its auth and inputs. */
export function errorCodesOf(doc: RouteDoc): ErrorCode[] {
  // withApi answers these for every route: a blocked address, the per-user (or per-address) rate limit.
  const codes = new Set<ErrorCode>(["IP_BLOCKED", "RATE_LIMITED"]);
  if (doc.params || doc.query || doc.body) codes.add("VALIDATION_ERROR");
  if (doc.auth !== "none") {
    codes.add("UNAUTHENTICATED");
    codes.add("TOKEN_EXPIRED");
  }
  // admin: a user who is not one; writes: a cross-site request carrying the session cookie.
  if (doc.auth === "admin" || (doc.auth !== "none" && doc.method !== "GET")) codes.add("FORBIDDEN");
  if (doc.authGuard) {
    codes.add("FORBIDDEN");
    codes.add("RATE_LIMITED");
  }
  if (doc.body) {
    codes.add("PAYLOAD_TOO_LARGE");
    codes.add("UNSUPPORTED_MEDIA_TYPE");
  }
  for (const code of doc.errors ?? []) codes.add(code);
  codes.add("INTERNAL");
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b] || a.localeCompare(b));
}

type OverrideContext = Parameters<NonNullable<z.core.ToJSONSchemaParams["override"]>>[0];

function tidy(io: "input" | "output") {
  return ({ zodSchema, jsonSchema }: OverrideContext) => {
    const def = (zodSchema as { _zod: { def: { type: string } } })._zod.def;
    // z.coerce.date() accepts an ISO string on the wire.
    if (def.type === "date" && io === "input") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    if (jsonSchema.format === "date-time" || jsonSchema.format === "date" || jsonSchema.format === "uuid") delete jsonSchema.pattern;
    // z.number().int() adds the safe-integer range, which says nothing to a reader.
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    // Answers may gain fields (API.md: add, never rename), so clients must not treat objects as closed.
    if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
  };
}

function convertRegistry(entries: Map<z.ZodType, string>, io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: REF, unrepresentable: "any", override: tidy(io) }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
    delete schema.id;
  }
  return schemas;
}

function objectProperties(schema: z.ZodType): { name: string; schema: Json; required: boolean }[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", override: tidy("input") }) as Json;
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, schema: property, required: required.has(name) }));
}

const pathNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

function successContent(doc: RouteDoc, dataRef: Json | undefined): Json {
  const kind = doc.kind ?? "envelope";
  if (kind === "raw") return Object.fromEntries((doc.contentType ?? ["application/octet-stream"]).map((type) => [type, { schema: { type: "string" } }]));
  if (kind === "json") return { "application/json": { schema: dataRef ?? {} } };
  const data = kind === "paginated" ? { type: "array", items: dataRef ?? {} } : (dataRef ?? {});
  const required = ["success", "data", "meta", ...(kind === "paginated" ? ["pagination"] : [])];
  return {
    "application/json": {
      schema: {
        type: "object",
        required,
        properties: {
          success: { type: "boolean", const: true },
          data,
          meta: { $ref: REF("Meta") },
          ...(kind === "paginated" ? { pagination: { $ref: REF("Pagination") } } : {}),
        },
      },
    },
  };
}

const SECURITY: Record<RouteDoc["auth"], Json[]> = {
  none: [],
  user: [{ bearerAuth: [] }, { sessionCookie: [] }],
  admin: [{ bearerAuth: [] }, { sessionCookie: [] }],
};

export function buildOpenApiDocument(routes: readonly RouteDoc[] = API_ROUTES): OpenApiDocument {
  const outputs = new Map<z.ZodType, string>(NAMED_OUTPUTS);
  const inputs = new Map<z.ZodType, string>();
  for (const doc of routes) {
    if (doc.response && !outputs.has(doc.response)) outputs.set(doc.response, `${pascal(doc.operationId)}${doc.kind === "paginated" ? "Item" : "Data"}`);
    if (doc.body && !inputs.has(doc.body)) inputs.set(doc.body, `${pascal(doc.operationId)}Body`);
  }
  const schemas = { ...convertRegistry(outputs, "output"), ...convertRegistry(inputs, "input") };

  const paths: OpenApiDocument["paths"] = {};
  for (const doc of routes) {
    const key = doc.path;
    const names = pathNames(doc.path);
    const params = doc.params ? objectProperties(doc.params) : [];
    const parameters: Json[] = [
      ...names.map((name) => ({ name, in: "path", required: true, schema: params.find((p) => p.name === name)?.schema ?? { type: "string" } })),
      ...(doc.query ? objectProperties(doc.query) : []).map((p) => ({
        name: p.name,
        in: "query",
        required: p.required,
        schema: p.schema,
        ...(typeof p.schema.description === "string" ? { description: p.schema.description } : {}),
      })),
    ];
    const status = doc.status ?? 200;
    const dataRef = doc.response ? { $ref: REF(outputs.get(doc.response)!) } : undefined;
    const headers: Json = { "X-Request-Id": { $ref: "#/components/headers/XRequestId" } };
    for (const [name, description] of Object.entries(doc.headers ?? {})) headers[name] = { description, schema: { type: "string" } };
    const responses: Record<string, Json> = {};
    for (const code of [status, ...(doc.alsoStatus ?? [])]) {
      responses[String(code)] = {
        description: code === status ? doc.summary : "Also a success (see the description).",
        headers,
        content: successContent(doc, dataRef),
        "x-response-kind": doc.kind ?? "envelope",
      };
    }
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of errorCodesOf(doc)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
    for (const [httpStatus, codes] of byStatus) {
      responses[String(httpStatus)] = {
        description: codes.join(", "),
        headers: { ...headers, ...(codes.includes("RATE_LIMITED") ? { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } : {}) },
        content: { "application/json": { schema: { $ref: REF("ErrorEnvelope") } } },
        "x-error-codes": codes,
      };
    }
    const operation: Json = {
      operationId: doc.operationId,
      tags: [doc.tag],
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      security: doc.path === "/stream" ? [...SECURITY.user, { streamTicket: [] }] : SECURITY[doc.auth],
      "x-auth": doc.auth,
      ...(parameters.length ? { parameters } : {}),
      ...(doc.body ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: REF(inputs.get(doc.body)!) } } } } } : {}),
      responses,
    };
    paths[key] ??= doc.base === "/api" ? { servers: [{ url: "/api", description: "System routes live outside /api/v1." }] } : {};
    paths[key]![doc.method.toLowerCase()] = operation;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "TradePulse REST API",
      version: "1.0.0",
      description:
        "JSON in and out. Success: `{ success: true, data, meta: { timestamp, requestId } }`; lists add `pagination: { page, limit, total, totalPages, hasMore }` (`?page=1&limit=20`, limit ≤ 100). " +
        "Error: `{ success: false, error: { code, message, details? }, meta }`. Every response carries `X-Request-Id`. " +
        "Amounts and prices are decimal strings; symbols in paths use a dash (BTC-USDT). Another user's resource answers 404 NOT_FOUND.",
      license: { name: "Open source", identifier: "MIT" },
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: "/api/v1", description: "This server" }],
    tags: TAGS,
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "The accessToken from POST /auth/login or /auth/refresh." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The browser's next-auth session cookie (`__Secure-authjs.session-token` over HTTPS). It resolves to the same session rows as bearer tokens." },
        streamTicket: { type: "apiKey", in: "query", name: "ticket", description: "GET /stream only: a single-use ticket from POST /stream/ticket, for clients that cannot set headers." },
      },
      headers: { XRequestId: { description: "The request id (echoed when the request sent a valid X-Request-Id).", schema: { type: "string" } } },
    },
  };
}

let cached: { document: OpenApiDocument; body: string; etag: string } | undefined;

/** The document, its JSON text and ETag, built once per process. */
export function getOpenApiDocument() {
  if (!cached) {
    const document = buildOpenApiDocument();
    const body = JSON.stringify(document);
    cached = { document, body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
  }
  return cached;
}
