import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret } from "@/server/auth/auth-secret";

/**
 * Pages need a session. Without one, the browser goes to sign-in carrying the exact path and query
 * it asked for, so a link pasted into a chat still lands on its task after signing in. API routes
 * are not redirected: they answer 401/403 themselves (scripts need a status, not a login page).
 */
export async function proxy(req: NextRequest) {
  const token = await getToken({ req, secret: authSecret() });
  if (token) return NextResponse.next();
  const signIn = new URL("/signin", req.url);
  signIn.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/|_next/|signin|favicon\\.ico|robots\\.txt).*)"],
};
