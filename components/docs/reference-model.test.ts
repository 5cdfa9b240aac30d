import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { API_ROUTES } from "@/lib/api/openapi/registry";
import { matchesQuery, toReference } from "./reference-model";
import { typeLabel } from "./schema-tree";

const reference = toReference(buildOpenApiDocument());
const all = reference.tags.flatMap((t) => t.operations);

describe("the /docs/api model", () => {
  it("has every operation once, grouped by tag, with its auth and full path", () => {
    expect(all).toHaveLength(API_ROUTES.length);
    const holdings = all.find((op) => op.id === "getHoldings")!;
    expect(holdings).toMatchObject({ method: "GET", fullPath: "/api/v1/portfolios/{portfolioId}/holdings", tag: "Portfolios", auth: "user" });
    expect(all.find((op) => op.id === "health")!.fullPath).toBe("/api/health");
    expect(holdings.errors.find((e) => e.status === "404")?.codes).toEqual(["NOT_FOUND"]);
  });

  it("unwraps the envelope: data schema for objects, the item for paginated lists, nothing for files", () => {
    expect(all.find((op) => op.id === "getMe")!.success).toMatchObject({ kind: "envelope", schema: { $ref: "#/components/schemas/User" } });
    expect(all.find((op) => op.id === "listTransactions")!.success).toMatchObject({ kind: "paginated", schema: { $ref: "#/components/schemas/Transaction" } });
    expect(all.find((op) => op.id === "exportTransactions")!.success).toMatchObject({ kind: "raw", contentTypes: ["text/csv", "application/json"] });
  });

  it("searches by every word across method, path, summary and error codes", () => {
    const hits = (q: string) => all.filter((op) => matchesQuery(op, q)).map((op) => op.id);
    expect(hits("post transactions")).toContain("createTransaction");
    expect(hits("post transactions")).not.toContain("listTransactions");
    expect(hits("INSUFFICIENT_HOLDINGS")).toContain("createTransaction");
    expect(hits("")).toHaveLength(all.length);
  });

  it("labels types readably", () => {
    const s = reference.schemas;
    expect(typeLabel({ $ref: "#/components/schemas/User" }, s)).toBe("User");
    expect(typeLabel({ type: "array", items: { $ref: "#/components/schemas/Ticker" } }, s)).toBe("Ticker[]");
    expect(typeLabel({ type: ["string", "null"], format: "date-time" }, s)).toBe("string (date-time) | null");
    expect(typeLabel({ type: "string", enum: ["buy", "sell"] }, s)).toBe('"buy" | "sell"');
  });
});
