import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that the generated secret is read at run time, not at build time.
const handler = (req: Request, ctx: RouteContext) => NextAuth(req as never, ctx as never, authOptions());

export { handler as GET, handler as POST };
