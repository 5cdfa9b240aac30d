import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { resolveClientIp } from "@/lib/api/client-ip";
import { env } from "@/lib/env";
import type { RequestMeta } from "./accounts";
import { readWebSessionId } from "./request-auth";
import { getLiveSession, type AuthContext } from "./sessions";

/** The signed-in user of this request, or null. The session row is checked, not only the cookie. */
export const getCurrentAuth = cache(async (): Promise<AuthContext | null> => {
  const sessionId = await readWebSessionId({ headers: await headers() });
  return sessionId ? getLiveSession(sessionId) : null;
});

export async function requireUser(): Promise<AuthContext> {
  const auth = await getCurrentAuth();
  if (!auth) redirect("/login");
  return auth;
}

export async function requireAdmin(): Promise<AuthContext> {
  const auth = await requireUser();
  if (auth.role !== "admin") notFound();
  return auth;
}

export async function getRequestMeta(): Promise<RequestMeta> {
  const list = await headers();
  return { ip: resolveClientIp(list, env.trustProxyHops), userAgent: list.get("user-agent") };
}

