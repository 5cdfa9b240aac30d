import { describe, expect, test } from "vitest";
import { REDACTED, redactDeep } from "./redact";

describe("redactDeep", () => {
  test("removes secrets at any depth and keeps the rest", () => {
    const input = {
      user: { email: "a@b.c", password: "hunter2hunter2" },
      req: { headers: { authorization: "Bearer abc.def.ghi", cookie: "authjs.session-token=xyz", "user-agent": "curl" } },
      key: { apiKey: "AKIA123", api_secret: "s3cr3t", passphrase: "pp", label: "main" },
      tokens: [{ refreshToken: "r1", accessToken: "a1" }],
      error: { code: "INVALID_CREDENTIALS" },
    };
    const out = redactDeep(input) as typeof input;
    expect(out.user).toEqual({ email: "a@b.c", password: REDACTED });
    expect(out.req.headers).toEqual({ authorization: REDACTED, cookie: REDACTED, "user-agent": "curl" });
    expect(out.key).toEqual({ apiKey: REDACTED, api_secret: REDACTED, passphrase: REDACTED, label: "main" });
    expect(out.tokens).toEqual([{ refreshToken: REDACTED, accessToken: REDACTED }]);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|abc\.def|AKIA123|s3cr3t|xyz/);
  });

  test("masks bearer tokens inside free text and survives cycles", () => {
    const cyclic: Record<string, unknown> = { msg: "sent Authorization: Bearer eyJhbGciOi.x.y to upstream" };
    cyclic.self = cyclic;
    const out = redactDeep(cyclic) as Record<string, unknown>;
    expect(out.msg).toBe(`sent Authorization: Bearer ${REDACTED} to upstream`);
    expect(out.self).toBe("[circular]");
  });

  test("does not mistake error codes for secrets", () => {
    expect(redactDeep({ error: { code: "TOKEN_REUSED" }, mfaCode: "123456" })).toEqual({ error: { code: "TOKEN_REUSED" }, mfaCode: REDACTED });
  });
});
