import { describe, expect, it } from "vitest";

import { pwaUserKey } from "./user-key";

describe("pwaUserKey", () => {
  it("is a stable 32-hex-digit hash that differs per user and does not contain the id", () => {
    const id = "0b6f3c1e-8a4d-4f5e-9c2b-7d1a2e3f4a5b";
    const key = pwaUserKey(id);
    expect(key).toMatch(/^[a-f0-9]{32}$/);
    expect(pwaUserKey(id)).toBe(key);
    expect(pwaUserKey("0b6f3c1e-8a4d-4f5e-9c2b-7d1a2e3f4a5c")).not.toBe(key);
    expect(key).not.toContain(id.replaceAll("-", "").slice(0, 8));
  });
});
