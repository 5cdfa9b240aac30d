// Auth.js endpoints for browser sessions (sign-in via the credentials grant, session, sign-out)
import { handlers } from "@/lib/auth/next-auth";

export const { GET, POST } = handlers;
