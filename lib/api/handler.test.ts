import { describe, expect, test } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { withApi } from "./handler";
import { computePagination, paginationQuerySchema } from "./pagination";
import { ok, paginated } from "./respond";

const echo = withApi(
  {
    body: z.object({ name: z.string().min(2), amount: z.string().regex(/^\d+(\.\d+)?$/) }),
    query: z.object({ verbose: z.enum(["yes", "no"]).default("no") }),
    params: z.object({ portfolioId: z.uuid() }),
  },
  ({ body, query, params }) => ok({ ...body, ...query, ...params }),
);

const PORTFOLIO_ID = "0b6f7c1e-7d3a-4d52-9a55-1b2a3c4d5e6f";
const ctx = (params: Record<string, string> = { portfolioId: PORTFOLIO_ID }) => ({ params: Promise.resolve(params) });

function post(body: string, headers: Record<string, string> = { "content-type": "application/json" }, url = "http://t/api/v1/x") {
  return new Request(url, { method: "POST", body, headers });
}

type Envelope = {
  success: boolean;
  data?: unknown;
  error: { code: string; message: string; details?: unknown };
  meta: { requestId: string; timestamp: string };
  pagination?: unknown;
};

async function read(res: Response) {
  return { status: res.status, body: (await res.json()) as Envelope, requestId: res.headers.get("x-request-id") };
}

describe("withApi", () => {
  test("wraps data in the success envelope with meta and a request id", async () => {
    const { status, body, requestId } = await read(await echo(post(JSON.stringify({ name: "btc", amount: "1.5" })), ctx()));
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.data).toEqual({ name: "btc", amount: "1.5", verbose: "no", portfolioId: PORTFOLIO_ID });
    expect(body.meta.requestId).toBe(requestId);
    expect(new Date(body.meta.timestamp).toString()).not.toBe("Invalid Date");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("echoes a well-formed incoming X-Request-Id and replaces a malformed one", async () => {
    const good = await echo(post(JSON.stringify({ name: "btc", amount: "1" }), { "content-type": "application/json", "x-request-id": "abc-123" }), ctx());
    expect(good.headers.get("x-request-id")).toBe("abc-123");
    const bad = await echo(post(JSON.stringify({ name: "btc", amount: "1" }), { "content-type": "application/json", "x-request-id": "<script>" }), ctx());
    expect(bad.headers.get("x-request-id")).not.toBe("<script>");
  });

  test.each([
    ["malformed JSON", post("{not json"), 400, "VALIDATION_ERROR", [{ field: "(body)", message: "Malformed JSON" }]],
    [
      "schema violations, one detail per field",
      post(JSON.stringify({ name: "b", amount: "x" })),
      400,
      "VALIDATION_ERROR",
      [
        { field: "name", message: expect.any(String) },
        { field: "amount", message: expect.any(String) },
      ],
    ],
    ["a non-JSON content type", post("name=btc", { "content-type": "application/x-www-form-urlencoded" }), 415, "UNSUPPORTED_MEDIA_TYPE", undefined],
    ["a body over 1 MB", post(JSON.stringify({ name: "x".repeat(1024 * 1024), amount: "1" })), 413, "PAYLOAD_TOO_LARGE", undefined],
    [
      "a bad query parameter",
      post(JSON.stringify({ name: "btc", amount: "1" }), { "content-type": "application/json" }, "http://t/api/v1/x?verbose=maybe"),
      400,
      "VALIDATION_ERROR",
      [{ field: "verbose", message: expect.any(String) }],
    ],
  ])("rejects %s", async (_name, req, status, code, details) => {
    const res = await read(await echo(req, ctx()));
    expect(res.status).toBe(status);
    expect(res.body.success).toBe(false);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe("string");
    if (details) expect(res.body.error.details).toEqual(details);
    expect(res.body.meta.requestId).toBe(res.requestId);
  });

  test("a body whose declared length is over the limit is refused before it is read", async () => {
    const req = new Request("http://t/x", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "content-length": String(5 * 1024 * 1024) },
    });
    expect((await echo(req, ctx())).status).toBe(413);
  });

  test("rejects a bad path parameter", async () => {
    const res = await read(await echo(post(JSON.stringify({ name: "btc", amount: "1" })), ctx({ portfolioId: "nope" })));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: "portfolioId", message: expect.any(String) }]);
  });

  test("maps AppError codes to their status and keeps extra headers", async () => {
    const route = withApi({}, () => {
      throw new AppError("RATE_LIMITED", "Slow down.", { headers: { "retry-after": "30" } });
    });
    const res = await route(new Request("http://t/x"));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(((await res.json()) as { error: unknown }).error).toEqual({ code: "RATE_LIMITED", message: "Slow down." });
  });

  test("turns an unexpected error into 500 INTERNAL without internals", async () => {
    const route = withApi({}, () => {
      throw new Error("connection to 10.0.0.5 refused at db.ts:42");
    });
    const res = await route(new Request("http://t/x"));
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text).error).toEqual({ code: "INTERNAL", message: "Something went wrong on our side." });
    expect(text).not.toMatch(/10\.0\.0\.5|db\.ts|stack/);
  });

  test("passes a raw Response through with the request id", async () => {
    const route = withApi({}, () => new Response("event: ping\n\n", { headers: { "content-type": "text/event-stream" } }));
    const res = await route(new Request("http://t/x", { headers: { "x-request-id": "r1" } }));
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("x-request-id")).toBe("r1");
  });

  test("adds pagination to list answers", async () => {
    const route = withApi({ query: paginationQuerySchema }, ({ query }) =>
      paginated(["a", "b"], computePagination(query.page, query.limit, 45)),
    );
    const res = await read(await route(new Request("http://t/x?page=2&limit=20")));
    expect(res.body.pagination).toEqual({ page: 2, limit: 20, total: 45, totalPages: 3, hasMore: true });
    const tooBig = await read(await route(new Request("http://t/x?limit=101")));
    expect(tooBig.status).toBe(400);
  });
});

describe("computePagination", () => {
  test.each([
    [1, 20, 0, { page: 1, limit: 20, total: 0, totalPages: 1, hasMore: false }],
    [1, 20, 20, { page: 1, limit: 20, total: 20, totalPages: 1, hasMore: false }],
    [1, 20, 21, { page: 1, limit: 20, total: 21, totalPages: 2, hasMore: true }],
    [3, 10, 25, { page: 3, limit: 10, total: 25, totalPages: 3, hasMore: false }],
  ])("page %i limit %i total %i", (page, limit, total, want) => {
    expect(computePagination(page, limit, total)).toEqual(want);
  });
});
