import { describe, expect, test } from "vitest";
import { z } from "zod";
import { addPasswordPolicyIssues, checkPasswordPolicy, passwordSchema } from "./password-policy";

const user = { email: "jane.doe@example.com", name: "Jane Doe" };

describe("checkPasswordPolicy", () => {
  test.each([
    ["short", "Xk9#mQ2$vL7", false, /at least 12/],
    ["empty", "", false, /at least 12/],
    ["too long", "violet-tractor-".repeat(9), false, /at most 128/],
    ["common password", "password1234", false, /commonly used/],
    ["keyboard walk", "qwertyuiop12", false, /./],
    ["repeated character", "aaaaaaaaaaaa", false, /./],
    ["the email", "jane.doe@example.com", false, /email address/],
    ["the email, other case, with a suffix", "Jane.Doe@Example.com!!", false, /email address/],
    ["the name and digits", "janedoe12345", false, /./],
    ["strong passphrase", "violet tractor mango glacier", true, null],
    ["random characters", "Xk9#mQ2$vL7!pR4", true, null],
  ])("%s", (_name, password, ok, reason) => {
    const result = checkPasswordPolicy(password, user);
    expect(result.ok).toBe(ok);
    if (reason) {
      expect(result.reasons.some((r) => reason.test(r))).toBe(true);
      expect(result.suggestions.length).toBeGreaterThan(0);
    } else {
      expect(result.reasons).toEqual([]);
      expect(result.score).toBeGreaterThanOrEqual(3);
    }
  });

  test("without a context, only length and strength apply", () => {
    expect(checkPasswordPolicy("violet tractor mango glacier").ok).toBe(true);
    expect(checkPasswordPolicy("password1234").ok).toBe(false);
  });

  const long = "violet tractor mango glacier pebble lantern orbit cactus velvet harbor quartz ".repeat(2);
  test.each([
    [11, false],
    [12, true],
    [128, true],
    [129, false],
  ])("length boundary %i → within limits %s", (length, within) => {
    const { reasons } = checkPasswordPolicy(long.slice(0, length - 3) + "Q7!", user);
    expect(reasons.some((r) => /at (least|most)/.test(r))).toBe(!within);
  });

  test("length counts characters, not UTF-16 units", () => {
    expect(checkPasswordPolicy("🔑".repeat(11)).reasons).toContain("Use at least 12 characters.");
  });

  test("the score is within 0–4", () => {
    for (const password of ["", "a", "password", "violet tractor mango glacier"]) {
      const { score } = checkPasswordPolicy(password);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(4);
    }
  });
});

describe("zod helpers", () => {
  test("passwordSchema reports each failed rule", () => {
    const schema = passwordSchema(user);
    expect(schema.safeParse("violet tractor mango glacier").success).toBe(true);
    const failed = schema.safeParse("jane.doe@example.com");
    expect(failed.success).toBe(false);
    expect(failed.error?.issues.map((i) => i.message)).toContain("Do not use your email address in your password.");
  });

  test("addPasswordPolicyIssues works on a whole form", () => {
    const form = z
      .object({ email: z.email(), password: z.string() })
      .superRefine((value, ctx) => addPasswordPolicyIssues(ctx, value.password, { email: value.email }, ["password"]));
    const failed = form.safeParse({ email: "jane@example.com", password: "jane@example.com1" });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.path).toEqual(["password"]);
    expect(form.safeParse({ email: "jane@example.com", password: "violet tractor mango glacier" }).success).toBe(true);
  });
});
