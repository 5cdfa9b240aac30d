import { expect, test } from "@playwright/test";

test("health reports the embedded database as ready", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["x-request-id"]).toBeTruthy();
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.checks.database).toMatchObject({ status: "ok", engine: "pglite" });
  expect(body.checks.redis.status).toBe("disabled");
});

test("an unknown /api/v1 path answers 404 in the envelope", async ({ request }) => {
  for (const method of ["get", "post", "delete"] as const) {
    const res = await request[method]("/api/v1/x");
    expect(res.status()).toBe(404);
    expect(res.headers()["x-request-id"]).toBeTruthy();
    const body = await res.json();
    expect(body).toMatchObject({ success: false, error: { code: "NOT_FOUND" }, meta: { requestId: res.headers()["x-request-id"] } });
  }
});
