import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SOCKET_ADDRESS_HEADER } from "@/lib/api/client-ip";
import { API_ROUTES } from "./registry";
import type { RouteDoc } from "./types";

// Test support: the registry's routes loaded from their files and served over real HTTP by node:http,
// the way `next start` dispatches them (params as a promise, the socket address header set).

type RouteHandler = (req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** app/api/v1/portfolios/[portfolioId]/route.ts for `/portfolios/{portfolioId}` */
export function routeFileOf(doc: Pick<RouteDoc, "base" | "path">): string {
  return `app${doc.base ?? "/api/v1"}${doc.path.replace(/\{([^}]+)\}/g, "[$1]")}/route.ts`;
}

export async function loadHandler(doc: RouteDoc): Promise<RouteHandler> {
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, routeFileOf(doc)))) as Record<string, RouteHandler | undefined>;
  const handler = mod[doc.method];
  if (!handler) throw new Error(`${routeFileOf(doc)} exports no ${doc.method}`);
  return handler;
}

function matcher(doc: RouteDoc): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const segments = doc.path.split("/").map((segment) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    return name ? `(?<${name}>[^/]+)` : escape(segment);
  });
  return new RegExp(`^${escape(doc.base ?? "/api/v1")}${segments.join("/")}$`);
}

/** The registry entry and path params for a request, preferring literal segments (/signals/stats over /signals/{id}). */
export function matchRoute(method: string, pathname: string): { doc: RouteDoc; params: Record<string, string> } | null {
  const candidates = API_ROUTES.filter((doc) => doc.method === method)
    .map((doc) => ({ doc, match: matcher(doc).exec(pathname) }))
    .filter((c) => c.match)
    .sort((a, b) => (a.doc.path.match(/\{/g)?.length ?? 0) - (b.doc.path.match(/\{/g)?.length ?? 0));
  const best = candidates[0];
  if (!best) return null;
  const params = Object.fromEntries(Object.entries(best.match!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
  return { doc: best.doc, params };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

export type TestApiServer = { origin: string; close: () => Promise<void> };

/** Serves the documented routes on 127.0.0.1:<random port>, every request from `clientIp`. */
export async function startApiServer({ clientIp }: { clientIp: string }): Promise<TestApiServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const found = matchRoute(req.method ?? "GET", url.pathname);
      if (!found) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ success: false, error: { code: "NOT_FOUND", message: "no route" } }));
        return;
      }
      const handler = await loadHandler(found.doc);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      headers.set(SOCKET_ADDRESS_HEADER, clientIp);
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const response = await handler(new Request(url, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined }), { params: Promise.resolve(found.params) });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
