/**
 * Signs in to a running server as a browser does (next-auth's CSRF token, then the credentials
 * callback) and returns the Cookie header that carries the session, for fetching pages.
 */
export async function signInCookie(url: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar, origin: url },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = cookiesOf(res)
    .split("; ")
    .find((c) => c.includes("session-token="));
  if (!session) throw new Error(`signing in as ${username} failed: ${res.status} ${await res.text()}`);
  return session;
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
