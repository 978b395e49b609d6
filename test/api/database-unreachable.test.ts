import { databaseProxy, directUrl } from "../support/use-database-behind-proxy";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as statusCheck } from "@/app/api/diagnosis/tasks/status-check/route";
import { GET as trpcGet } from "@/app/api/trpc/[trpc]/route";
import { createCaller } from "@/server/trpc/root";
import { getDb } from "@/server/db/client";
import { DATABASE_UNREACHABLE, toAppError } from "@/server/errors";
import { waitFor } from "../support/wait-for";
import pg from "pg";
import { call, tokenFor } from "../support/api-client";

// Issue 11, row 15: while the database is unreachable the API says so with 503, never a 500.
let token: string;
beforeAll(async () => {
  ({ token } = await tokenFor("viewer"));
});
afterEach(() => databaseProxy.restore());

const trpcList = () =>
  trpcGet(
    new Request(`http://localhost/api/trpc/tasks.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  );

describe("the database unreachable", () => {
  it("REST: status-check answers 503 with a sentence saying so while the database is away, and 200 once it is back", async () => {
    expect((await call(statusCheck, "/api/diagnosis/tasks/status-check", { token })).status).toBe(200);
    await databaseProxy.cut();
    const down = await call(statusCheck, "/api/diagnosis/tasks/status-check", { token });
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ error: "service_unavailable", message: DATABASE_UNREACHABLE });
    expect(down.body.message).toMatch(/^数据库.+\(the database is unreachable.+\)\.$/);
    await databaseProxy.restore();
    expect((await call(statusCheck, "/api/diagnosis/tasks/status-check", { token })).status).toBe(200);
  });

  it("tRPC over HTTP: a query answers 503 with the sentence (the token cannot even be checked), and works again after", async () => {
    expect((await trpcList()).status).toBe(200);
    await databaseProxy.cut();
    const down = await trpcList();
    expect(down.status).toBe(503);
    const body = await down.json();
    expect(body.error.json).toMatchObject({ message: DATABASE_UNREACHABLE, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } });
    await databaseProxy.restore();
    expect((await trpcList()).status).toBe(200);
  });

  it("tRPC: a procedure whose own reads fail is SERVICE_UNAVAILABLE with the sentence, not an internal error", async () => {
    const viewer = createCaller({ actor: { type: "user", userId: 1, username: "someone", role: "viewer" } });
    await databaseProxy.cut();
    await expect(viewer.tasks.list({})).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNREACHABLE });
    await expect(viewer.recovery.stuckSummary({})).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });

  it("a statement cut off mid-way (the connection dies under it) is SERVICE_UNAVAILABLE too", async () => {
    const db = await getDb();
    const cutOff = db.$queryRaw`SELECT pg_sleep(30)`.catch((err: unknown) => err);
    const direct = new pg.Client({ connectionString: directUrl });
    await direct.connect();
    try {
      await waitFor(
        async () => (await direct.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")).rowCount,
        10_000,
        "the statement to run",
      );
      await databaseProxy.cut();
      expect(toAppError(await cutOff)).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: DATABASE_UNREACHABLE });
    } finally {
      await direct.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'");
      await direct.end();
    }
  });
});
