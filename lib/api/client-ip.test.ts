import { describe, expect, test } from "vitest";
import { resolveClientIp, SOCKET_ADDRESS_HEADER } from "./client-ip";

const headers = (values: Record<string, string>) => new Headers(values);

describe("resolveClientIp", () => {
  test.each([
    ["the socket address when no proxy is trusted", { [SOCKET_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "1.1.1.1" }, 0, "203.0.113.7"],
    ["an IPv4-mapped IPv6 socket address as IPv4", { [SOCKET_ADDRESS_HEADER]: "::ffff:203.0.113.7" }, 0, "203.0.113.7"],
    ["an IPv6 socket address unchanged", { [SOCKET_ADDRESS_HEADER]: "2001:db8::1" }, 0, "2001:db8::1"],
    ["the last X-Forwarded-For hop behind one trusted proxy", { [SOCKET_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.4" }, 1, "198.51.100.4"],
    ["the hop two from the right behind two proxies", { [SOCKET_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.9" }, 2, "198.51.100.4"],
    ["the socket when trusted but no header came", { [SOCKET_ADDRESS_HEADER]: "10.0.0.2" }, 1, "10.0.0.2"],
    ["Next's own X-Forwarded-For without our server", { "x-forwarded-for": "127.0.0.1" }, 0, "127.0.0.1"],
    ["unknown without any information", {}, 0, "unknown"],
  ])("%s", (_name, values, hops, want) => {
    expect(resolveClientIp(headers(values), hops)).toBe(want);
  });
});
