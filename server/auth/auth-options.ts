import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "./auth-secret";
import { verifyCredentials } from "./sign-in";
import type { Role } from "./actor";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** next-auth: username/e-mail + password, JWT session carrying the user id and role. */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        authorize: (credentials) => verifyCredentials(credentials?.username ?? "", credentials?.password ?? ""),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; username: string; role: Role };
          token.uid = Number(u.id);
          token.username = u.username;
          token.role = u.role;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, id: token.uid, username: token.username, role: token.role };
        return session;
      },
    },
  };
}
