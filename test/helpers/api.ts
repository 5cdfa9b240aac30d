import { randomBytes } from "node:crypto";
import { SOCKET_ADDRESS_HEADER } from "@/lib/api/client-ip";

type RouteHandler = (req: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiCall = {
  body?: unknown;
  rawBody?: string;
  token?: string;
  ip?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
};

export type ApiAnswer<T = any> = { status: number; headers: Headers; body: { success: boolean; data: T; error: { code: string; message: string; details?: { field: string; message: string }[] }; pagination?: any; meta: { requestId: string } } };

/** Calls a route handler the way Next does, from a given client address. */
export async function call<T = any>(handler: RouteHandler, method: string, path: string, options: ApiCall = {}): Promise<ApiAnswer<T>> {
  const url = new URL(`http://localhost${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers({ [SOCKET_ADDRESS_HEADER]: options.ip ?? "127.0.0.1", "user-agent": "vitest", ...options.headers });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export const uniqueEmail = (label = "user") => `${label}-${randomBytes(5).toString("hex")}@example.test`;

/** A random address from TEST-NET-2, so limits keyed by address never collide between tests. */
export const uniqueIp = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

export const STRONG_PASSWORD = "Velvet-Harbor-Compass-42!";
export const OTHER_STRONG_PASSWORD = "Quartz-Meadow-Lantern-97?";
