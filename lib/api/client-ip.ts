/** Set by scripts/server.mjs from the TCP socket on every request, overwriting anything a client sent. */
export const SOCKET_ADDRESS_HEADER = "x-tradepulse-socket-address";

function normalize(address: string | null | undefined): string | undefined {
  const trimmed = address?.trim();
  if (!trimmed) return undefined;
  const unbracketed = trimmed.replace(/^\[(.*)\]$/, "$1");
  return unbracketed.startsWith("::ffff:") && unbracketed.includes(".") ? unbracketed.slice(7) : unbracketed;
}

/**
 * The client's address. Without trusted proxies it is the socket's address; with `trustProxyHops` = N
 * it is the entry N places from the right of X-Forwarded-For (what the outermost trusted proxy saw),
 * so a client cannot spoof it by sending its own X-Forwarded-For.
 */
export function resolveClientIp(headers: Headers, trustProxyHops: number): string {
  const socket = normalize(headers.get(SOCKET_ADDRESS_HEADER));
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => normalize(part))
    .filter((part): part is string => Boolean(part));
  if (trustProxyHops > 0 && forwarded.length > 0) {
    return forwarded[Math.max(0, forwarded.length - trustProxyHops)]!;
  }
  // Behind `next start` without our server, Next fills X-Forwarded-For from the socket when absent.
  return socket ?? forwarded.at(-1) ?? "unknown";
}
