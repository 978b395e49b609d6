import { createApiToken, revokeApiToken } from "@/server/auth/api-tokens";
import { createUser } from "@/server/users/users";
import type { Role } from "@/shared/actor";
import { uniqueName } from "./unique";

// Route handlers differ in their params type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's params
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler the way Next.js does, with a real Request. */
export async function call(handler: Handler, url: string, init: RequestInit & { token?: string; params?: Record<string, string> } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const res = await handler(new Request(`http://localhost${url}`, { ...init, headers }), { params: Promise.resolve(init.params ?? {}) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (e.g. CSV): keep the text
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the route answered
  return { status: res.status, body: body as Record<string, any>, headers: res.headers };
}

/** A user with the role and an API token acting as them. */
export async function tokenFor(role: Role) {
  const username = uniqueName(role);
  await createUser({ username, password: "long-enough-password", role });
  const { token, info } = await createApiToken({ username, name: "tests" });
  return { token, username, revoke: () => revokeApiToken(info.id) };
}
