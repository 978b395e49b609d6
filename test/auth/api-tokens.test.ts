import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken, authenticateApiToken } from "@/server/auth/api-tokens";
import { resolveActor } from "@/server/auth/resolve-actor";
import { createUser } from "@/server/users/users";
import { getDb } from "@/server/db/client";
import { uniqueName } from "../support/unique";

const bearer = (token: string) => new Request("http://localhost/api/x", { headers: { authorization: `Bearer ${token}` } });

describe("API tokens", () => {
  it("a created token authenticates as its user with the user's role", async () => {
    const username = uniqueName("op");
    await createUser({ username, password: "correct horse battery", role: "operator" });
    const { token } = await createApiToken({ username, name: "monitoring" });
    const actor = await resolveActor(bearer(token));
    expect(actor).toMatchObject({ type: "token", username, role: "operator" });
  });

  it("only a hash of the token is stored", async () => {
    const username = uniqueName("v");
    await createUser({ username, password: "correct horse battery", role: "viewer" });
    const { token, info } = await createApiToken({ username, name: "script" });
    const row = await (await getDb()).apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("a revoked token is refused with 401", async () => {
    const username = uniqueName("v");
    await createUser({ username, password: "correct horse battery", role: "viewer" });
    const { token, info } = await createApiToken({ username, name: "old" });
    await revokeApiToken(info.id);
    expect(await authenticateApiToken(token)).toBeNull();
    await expect(resolveActor(bearer(token))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a malformed Authorization header is a 401, not a fall-back to anonymous", async () => {
    const req = new Request("http://localhost/api/x", { headers: { authorization: "Basic abc" } });
    await expect(resolveActor(req)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(resolveActor(bearer("es_not-a-real-token"))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("use is recorded as last-used time", async () => {
    const username = uniqueName("v");
    await createUser({ username, password: "correct horse battery", role: "viewer" });
    const { token, info } = await createApiToken({ username, name: "poller" });
    expect(info.lastUsedAt).toBeNull();
    await authenticateApiToken(token);
    const row = await (await getDb()).apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("an anonymous request resolves to no actor", async () => {
    expect(await resolveActor(new Request("http://localhost/api/x"))).toBeNull();
  });
});
