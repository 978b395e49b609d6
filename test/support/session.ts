import { encode } from "next-auth/jwt";
import { authOptions } from "@/server/auth/auth-options";
import { authSecret } from "@/server/auth/auth-secret";
import { sessionCookie } from "@/server/auth/session-cookie";
import { verifyCredentials } from "@/server/auth/sign-in";

/**
 * The session cookie a browser gets after signing in with this name and password: the real
 * credentials check and next-auth's jwt callback, encoded with the app's secret exactly as next-auth
 * does it. Tests then send it like a browser would.
 */
export async function signedInCookie(username: string, password: string): Promise<string> {
  const user = await verifyCredentials(username, password);
  if (!user) throw new Error(`${username} could not sign in`);
  const jwt = authOptions().callbacks!.jwt!;
  const token = await jwt({ token: { name: user.name }, user: user as never, account: null } as never);
  return `${sessionCookie().name}=${await encode({ token, secret: authSecret() })}`;
}
