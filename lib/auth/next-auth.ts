import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { verifyLoginGrant } from "./login-grant";
import { getLiveSession } from "./sessions";

// Browser sessions: a JWT cookie carrying the id of a row in `sessions` (the same table the API uses).
// Cookies are HttpOnly and SameSite=Lax; Auth.js marks them Secure whenever the site is served over https.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { grant: {} },
      async authorize(credentials) {
        const grant = typeof credentials?.grant === "string" ? credentials.grant : "";
        const claims = await verifyLoginGrant(grant);
        if (!claims) return null;
        const session = await getLiveSession(claims.sessionId);
        if (!session || session.userId !== claims.userId) return null;
        return { id: session.userId, email: session.email, name: session.name, sid: session.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && "sid" in user && typeof user.sid === "string") token.sid = user.sid;
      return token;
    },
  },
  logger: {
    error: (error) => logger.warn({ err: error }, "auth.js error"),
    warn: (code) => logger.debug({ code }, "auth.js warning"),
    debug: () => {},
  },
});
