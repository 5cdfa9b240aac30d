import { NextResponse, type NextRequest } from "next/server";

// Optimistic only: a cookie that merely exists lets the request through. The real check (a live session
// row) is requireUser() in every signed-in page, layout and action.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function hasSessionCookie(request: NextRequest): boolean {
  // Auth.js splits a large session cookie into "<name>.0", "<name>.1", …
  return request.cookies
    .getAll()
    .some(({ name }) => SESSION_COOKIES.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
}

export function proxy(request: NextRequest) {
  if (hasSessionCookie(request)) return NextResponse.next();
  const { pathname, searchParams } = request.nextUrl;
  const kept = new URLSearchParams(searchParams);
  kept.delete("_rsc");
  const query = kept.toString();
  const login = new URL("/login", request.url);
  login.searchParams.set("redirectTo", query ? `${pathname}?${query}` : pathname);
  return NextResponse.redirect(login);
}

// Signed-in pages only; /api answers 401 itself and is never redirected.
export const config = {
  matcher: [
    "/dashboard/:path*",
    "/portfolios/:path*",
    "/markets/:path*",
    "/signals/:path*",
    "/robot/:path*",
    "/journal/:path*",
    "/alerts/:path*",
    "/ai/:path*",
    "/settings/:path*",
    "/admin/:path*",
  ],
};
