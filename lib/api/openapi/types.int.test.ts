import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { call } from "@/test/helpers/api";
import { generateTypes } from "./generate-types";

const GENERATED = path.resolve(import.meta.dirname, "../../../test/openapi/generated/schema.d.ts");

describe("GET /api/v1/openapi.json", () => {
  it("serves the document publicly, cacheable with an ETag", async () => {
    const res = await GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/public/);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/portfolios/{portfolioId}/holdings"].get.operationId).toBe("getHoldings");
    const again = await GET(new Request("http://localhost/api/v1/openapi.json", { headers: { "if-none-match": etag! } }));
    expect(again.status).toBe(304);
  });

  it("matches the committed generated client types (regenerate when the API changes)", async () => {
    const { body } = await call(GET, "GET", "/api/v1/openapi.json");
    const types = await generateTypes(body);
    if (process.env.UPDATE_OPENAPI_TYPES === "1") writeFileSync(GENERATED, types);
    const committed = existsSync(GENERATED) ? readFileSync(GENERATED, "utf8") : "";
    expect(
      committed === types,
      "test/openapi/generated/schema.d.ts is stale: run UPDATE_OPENAPI_TYPES=1 npx vitest run --project integration-pglite lib/api/openapi/types.int.test.ts",
    ).toBe(true);
  });
});
