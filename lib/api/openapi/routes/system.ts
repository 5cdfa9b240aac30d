import { healthAnswerSchema, openApiDocumentSchema } from "../responses/system";
import { route, type RouteDoc } from "../types";

export const systemRoutes: RouteDoc[] = [
  route({
    method: "GET",
    path: "/health",
    base: "/api",
    operationId: "health",
    tag: "System",
    summary: "Liveness plus database and Redis readiness",
    description: "A bare JSON report (not in the envelope). 503 with the same shape and a `message` when the database or Redis is not reachable.",
    auth: "none",
    kind: "json",
    response: healthAnswerSchema,
    errors: ["SERVICE_UNAVAILABLE"],
  }),
  route({
    method: "GET",
    path: "/metrics",
    base: "/api",
    operationId: "metrics",
    tag: "System",
    summary: "Prometheus metrics of this instance",
    description: "Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set (401 otherwise); open when it is not.",
    auth: "none",
    kind: "raw",
    contentType: ["text/plain"],
    errors: ["UNAUTHENTICATED"],
  }),
  route({
    method: "GET",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "System",
    summary: "This OpenAPI 3.1 document",
    description: "Public and cacheable (ETag, If-None-Match answers 304).",
    auth: "none",
    kind: "json",
    response: openApiDocumentSchema,
    headers: { ETag: "Changes when the document changes." },
  }),
];
