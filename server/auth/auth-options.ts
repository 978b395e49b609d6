import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { sameOriginPath } from "@/shared/same-site-path";
import { servedOverHttps } from "@/server/config/env";
import { authSecret } from "./auth-secret";
import { sessionCookie } from "./session-cookie";
import { authorizeSignIn, type SignedInUser } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * next-auth: username/e-mail + password, JWT session carrying the user id, role and the account's
 * session version (resolve-actor.ts ends the session once the account's version moves on).
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Secure cookies (and next-auth's __Secure-/__Host- names for its other cookies) exactly when the
    // public URL is https; the session cookie's flags are spelled out in session-cookie.ts.
    useSecureCookies: servedOverHttps,
    cookies: { sessionToken: sessionCookie() },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        authorize: (credentials, req) => authorizeSignIn(credentials, req.headers),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as SignedInUser;
          token.uid = Number(u.id);
          token.username = u.username;
          token.role = u.role;
          token.sv = u.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, id: token.uid, username: token.username, role: token.role, sessionVersion: token.sv ?? 0 };
        return session;
      },
      // Where next-auth sends the browser after signing in or out (its callbackUrl parameter and
      // cookie). Its default lets any value that starts with "/" through; this one reads the value
      // as a browser would, so "/\t/evil.example" cannot become "//evil.example".
      redirect: ({ url, baseUrl }) => baseUrl + sameOriginPath(url, baseUrl, "/tasks"),
    },
  };
}
