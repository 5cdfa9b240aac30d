import { describe, expect, test } from "vitest";
import { parseIpAddress } from "./ip";

describe("parseIpAddress", () => {
  test.each([
    ["203.0.113.7", "203.0.113.7", 4],
    ["  10.0.0.1 ", "10.0.0.1", 4],
    ["0.0.0.0", "0.0.0.0", 4],
    ["255.255.255.255", "255.255.255.255", 4],
    ["::ffff:192.0.2.1", "192.0.2.1", 4],
    ["::FFFF:c000:0201", "192.0.2.1", 4],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1", 6],
    ["[2001:db8::1]", "2001:db8::1", 6],
    ["::1", "::1", 6],
    ["fe80:0000::0001", "fe80::1", 6],
  ])("%s → %s (IPv%i)", (input, ip, version) => {
    expect(parseIpAddress(input)).toEqual({ ok: true, ip, version });
  });

  test.each([
    ["", /enter/i],
    ["256.1.1.1", /not a valid/i],
    ["1.2.3", /not a valid/i],
    ["01.2.3.4", /not a valid/i],
    ["1.2.3.4.5", /not a valid/i],
    ["10.0.0.0/8", /CIDR/],
    ["2001:db8::/32", /CIDR/],
    ["fe80::1%eth0", /zone/i],
    ["2001:db8:::1", /not a valid/i],
    ["example.com", /not a valid/i],
    ["gggg::1", /not a valid/i],
  ])("%j is refused", (input, message) => {
    const parsed = parseIpAddress(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
