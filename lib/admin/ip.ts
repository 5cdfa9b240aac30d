// Pure address parsing for the blocked-address list. Blocks are matched exactly against the client
// address the server resolves (lib/api/client-ip.ts), so an entry must be stored in the same canonical
// form: IPv4 dotted decimal, IPv6 compressed lowercase, IPv4-mapped IPv6 as plain IPv4.

const IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

export type ParsedIp = { ok: true; ip: string; version: 4 | 6 } | { ok: false; message: string };

function canonicalIpv6(value: string): string | null {
  if (!value.includes(":") || !/^[0-9a-fA-F:.]+$/.test(value)) return null;
  try {
    // The WHATWG URL parser validates and compresses IPv6 literals the same way in Node and browsers.
    return new URL(`http://[${value}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/** Validates one IPv4 or IPv6 address and returns its canonical form. Ranges are refused. */
export function parseIpAddress(input: string): ParsedIp {
  const value = input.trim().replace(/^\[(.*)\]$/, "$1");
  if (value === "") return { ok: false, message: "Enter an IP address." };
  if (value.includes("/")) {
    return { ok: false, message: "Address ranges (CIDR) are not supported: block single addresses." };
  }
  if (IPV4.test(value)) return { ok: true, ip: value, version: 4 };
  const mapped = MAPPED_IPV4.exec(value);
  if (mapped && IPV4.test(mapped[1]!)) return { ok: true, ip: mapped[1]!, version: 4 };
  if (value.includes("%")) return { ok: false, message: "Zone ids (%eth0) are not allowed in a blocked address." };
  const v6 = canonicalIpv6(value);
  if (v6 === null) return { ok: false, message: "Not a valid IPv4 or IPv6 address." };
  const remapped = MAPPED_IPV4.exec(v6);
  if (remapped) return { ok: true, ip: remapped[1]!, version: 4 };
  if (v6.startsWith("::ffff:")) {
    // The URL parser writes the embedded IPv4 part in hex (::ffff:c000:201): turn it back to dotted form.
    const [high, low] = v6.slice(7).split(":").map((part) => parseInt(part, 16));
    if (high !== undefined && low !== undefined && !Number.isNaN(high) && !Number.isNaN(low)) {
      return { ok: true, ip: [high >> 8, high & 255, low >> 8, low & 255].join("."), version: 4 };
    }
  }
  return { ok: true, ip: v6, version: 6 };
}
