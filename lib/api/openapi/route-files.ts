import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HttpMethod } from "./types";

// The route files of the app and the HTTP methods each exports, read from the source (for the coverage
// test; it does not import the routes).

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** Routes that are not part of the documented API, each with the reason. */
export const UNDOCUMENTED_ROUTE_FILES: Record<string, string> = {
  "app/api/v1/[...path]/route.ts": "the catch-all that answers 404 NOT_FOUND for any path no route serves",
  "app/api/auth/[...nextauth]/route.ts": "next-auth's own browser sign-in endpoints, not part of the REST contract",
};

export type RouteFile = { file: string; method: (typeof METHODS)[number]; path: string; base: "/api/v1" | "/api" };

export function exportedMethods(source: string): (typeof METHODS)[number][] {
  const found = new Set<(typeof METHODS)[number]>();
  for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) {
    if ((METHODS as readonly string[]).includes(m[1]!)) found.add(m[1] as (typeof METHODS)[number]);
  }
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of block[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()!.trim();
      if ((METHODS as readonly string[]).includes(name)) found.add(name as (typeof METHODS)[number]);
    }
  }
  return [...found];
}

/** `app/api/v1/portfolios/[portfolioId]/route.ts` → `/portfolios/{portfolioId}` */
export function apiPathOf(file: string): { path: string; base: "/api/v1" | "/api" } {
  const dir = path.posix.dirname(file);
  const base = dir.startsWith("app/api/v1") ? "/api/v1" : "/api";
  const rest = dir.slice(`app${base}`.length);
  return { base, path: rest.replace(/\[([^\]]+)\]/g, "{$1}") || "/" };
}

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, relative, out);
    else if (entry.name === "route.ts") out.push(relative);
  }
}

/** Every (method, path) the app serves under /api, except UNDOCUMENTED_ROUTE_FILES. */
export function scanRouteFiles(root: string): RouteFile[] {
  const files: string[] = [];
  walk(root, "app/api", files);
  return files
    .filter((file) => !(file in UNDOCUMENTED_ROUTE_FILES))
    .sort()
    .flatMap((file) => {
      const { path: apiPath, base } = apiPathOf(file);
      return exportedMethods(readFileSync(path.join(root, file), "utf8")).map((method) => ({ file, method, path: apiPath, base }));
    });
}

export const isDocumentable = (method: string): method is HttpMethod => ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(method);
