import { expect, type APIRequestContext } from "@playwright/test";
import { e2eOrigin } from "./e2e-env";

/**
 * Calls a tRPC procedure over HTTP as the browser would (superjson's `{ json }` envelope), with the
 * request context's session cookie and our Origin. For test setup through the same procedures the UI uses.
 */
export async function trpcMutation<T = unknown>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: e2eOrigin() } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()).result.data.json as T;
}
