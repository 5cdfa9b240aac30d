import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument, errorCodesOf } from "./document";
import { API_ROUTES, fullPath, TAGS } from "./registry";
import { apiPathOf, exportedMethods, scanRouteFiles } from "./route-files";

const root = path.resolve(import.meta.dirname, "../../..");
const key = (method: string, p: string) => `${method} ${p}`;

describe("the route registry covers the app", () => {
  const served = scanRouteFiles(root);

  it("finds the route files", () => {
    expect(served.length).toBeGreaterThan(40);
    expect(served).toContainEqual(expect.objectContaining({ method: "GET", path: "/portfolios/{portfolioId}", base: "/api/v1" }));
  });

  it("documents every exported method of every route file", () => {
    const documented = new Set(API_ROUTES.map((doc) => key(doc.method, fullPath(doc))));
    const missing = served.filter((r) => !documented.has(key(r.method, `${r.base}${r.path}`))).map((r) => `${key(r.method, `${r.base}${r.path}`)}  (${r.file})`);
    expect(missing, `Routes without an entry in lib/api/openapi/routes/*.ts — document them:\n${missing.join("\n")}`).toEqual([]);
  });

  it("has no entry without a route", () => {
    const exists = new Set(served.map((r) => key(r.method, `${r.base}${r.path}`)));
    const stale = API_ROUTES.filter((doc) => !exists.has(key(doc.method, fullPath(doc)))).map((doc) => key(doc.method, fullPath(doc)));
    expect(stale, `Registry entries with no route file exporting the method:\n${stale.join("\n")}`).toEqual([]);
  });

  it("has unique operation ids and one entry per method and path", () => {
    const ids = API_ROUTES.map((doc) => doc.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const keys = API_ROUTES.map((doc) => key(doc.method, fullPath(doc)));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("gives each entry a known tag, params that name the path's placeholders, and a response", () => {
    const tags = new Set(TAGS.map((t) => t.name));
    for (const doc of API_ROUTES) {
      const where = key(doc.method, doc.path);
      expect(tags.has(doc.tag), `${where}: tag ${doc.tag} is not in TAGS`).toBe(true);
      const placeholders = [...doc.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = doc.params ? Object.keys((doc.params as z.ZodObject).shape).sort() : [];
      expect(declared, `${where}: params schema keys must equal the path placeholders`).toEqual(placeholders);
      if (doc.kind === "raw") expect(doc.contentType?.length, `${where}: a raw answer needs its content types`).toBeGreaterThan(0);
      else expect(doc.response, `${where}: document the success data`).toBeDefined();
    }
  });
});

describe("route file parsing", () => {
  it("reads const, function and re-exported handlers", () => {
    expect(exportedMethods("export const GET = withApi({}, h);\nexport async function POST() {}\nexport { a as PATCH, b as DELETE };\nexport const dynamic = 'x';").sort()).toEqual(["DELETE", "GET", "PATCH", "POST"]);
  });

  it("maps folders to API.md paths", () => {
    expect(apiPathOf("app/api/v1/portfolios/[portfolioId]/transactions/[transactionId]/route.ts")).toEqual({ base: "/api/v1", path: "/portfolios/{portfolioId}/transactions/{transactionId}" });
    expect(apiPathOf("app/api/health/route.ts")).toEqual({ base: "/api", path: "/health" });
  });
});

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument();

  it("is OpenAPI 3.1 with every operation, security schemes and the envelopes", () => {
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item).filter((k) => k !== "servers"));
    expect(operations).toHaveLength(API_ROUTES.length);
    expect(Object.keys(doc.components.securitySchemes as object)).toEqual(expect.arrayContaining(["bearerAuth", "sessionCookie"]));
    expect(doc.components.schemas).toHaveProperty("ErrorEnvelope");
    expect(doc.components.schemas).toHaveProperty("Pagination");
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const target = ref.slice(8, -1).replace("#/", "").split("/");
      let node: unknown = doc;
      for (const part of target) node = (node as Record<string, unknown>)?.[part];
      expect(node, ref).toBeDefined();
    }
  });

  it("lists each route's error codes under their statuses, with the implied ones", () => {
    const login = API_ROUTES.find((d) => d.operationId === "login")!;
    expect(errorCodesOf(login)).toEqual(expect.arrayContaining(["VALIDATION_ERROR", "INVALID_CREDENTIALS", "MFA_REQUIRED", "ACCOUNT_LOCKED", "RATE_LIMITED", "INTERNAL"]));
    const op = (doc.paths["/portfolios/{portfolioId}"] as Record<string, { responses: Record<string, { "x-error-codes"?: string[] }> }>).get!;
    expect(op.responses["404"]!["x-error-codes"]).toEqual(["NOT_FOUND"]);
    expect(op.responses["401"]!["x-error-codes"]).toEqual(expect.arrayContaining(["UNAUTHENTICATED"]));
  });

  it("describes request bodies from the routes' own schemas (input side)", () => {
    const body = doc.components.schemas.CreateTransactionBody as { properties: Record<string, { type?: unknown; format?: string }>; required: string[] };
    expect(body.required).toEqual(expect.arrayContaining(["type", "symbol", "quantity", "executedAt"]));
    expect(body.properties.executedAt).toMatchObject({ type: "string", format: "date-time" });
  });
});
