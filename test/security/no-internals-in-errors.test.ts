import "../support/use-own-database";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as trpcGet } from "@/app/api/trpc/[trpc]/route";
import { GET as statusCheck } from "@/app/api/diagnosis/tasks/status-check/route";
import { authorizeSignIn } from "@/server/auth/sign-in";
import { SIGN_IN_UNAVAILABLE } from "@/shared/sign-in-errors";
import { getDb } from "@/server/db/client";
import { call, tokenFor } from "../support/api-client";
import { uniqueName } from "../support/unique";

/** What must never reach a client: stack frames, SQL, the ORM's name, table names, source paths. */
const INTERNALS = [
  /\n\s*at /,
  /\bat \S+ \(/,
  /\w+\.[cm]?[jt]sx?:\d+/,
  /prisma/i,
  /\bSELECT\b/,
  /\bINSERT\b/,
  /\bFROM\b/,
  /diagnosis_tasks/,
  /api_tokens/,
  /signin_attempts/,
  /\/work\//,
  /node_modules/,
];

function expectNoInternals(body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  for (const pattern of INTERNALS) expect(text, `response contains ${pattern}`).not.toMatch(pattern);
}

/** Runs `fn` while a table is missing, as after a botched migration: every query on it fails with SQL in its message. */
async function withoutTable<T>(table: string, fn: () => Promise<T>): Promise<T> {
  const db = await getDb();
  await db.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}_gone"`);
  try {
    return await fn();
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE "${table}_gone" RENAME TO "${table}"`);
  }
}

const trpcQuery = (path: string, token?: string) =>
  call(trpcGet, `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { token, params: { trpc: path } });

let viewer: string;
beforeAll(async () => {
  viewer = (await tokenFor("viewer")).token;
});

describe("no internals in error responses", () => {
  it("errors: a tRPC procedure whose query fails answers 500 with a sentence and nothing internal", async () => {
    const { status, body } = await withoutTable("diagnosis_tasks", () => trpcQuery("tasks.list", viewer));
    expect(status).toBe(500);
    expect(body.error.json.message).toBe(
      "服务器内部出错，详情见服务器日志 (something went wrong on the server; the details are in the server log).",
    );
    expectNoInternals(body);
  });

  it("errors: a REST route whose query fails answers 500 with a sentence and nothing internal", async () => {
    const { status, body } = await withoutTable("diagnosis_tasks", () =>
      call(statusCheck, "/api/diagnosis/tasks/status-check", { token: viewer }),
    );
    expect(status).toBe(500);
    expect(body).toMatchObject({ error: "internal_server_error", message: expect.stringMatching(/server log/) });
    expectNoInternals(body);
  });

  it("errors: a database failure while checking an API token answers 500 without the database's message, on REST and tRPC", async () => {
    const [rest, trpc] = await withoutTable("api_tokens", () =>
      Promise.all([call(statusCheck, "/api/diagnosis/tasks/status-check", { token: viewer }), trpcQuery("tasks.list", viewer)]),
    );
    expect([rest.status, trpc.status]).toEqual([500, 500]);
    expectNoInternals(rest.body);
    expectNoInternals(trpc.body);
  });

  it("errors: a database failure during sign-in reaches the browser as a code, not the database's message", async () => {
    const err = await withoutTable("signin_attempts", () =>
      authorizeSignIn({ username: uniqueName("someone"), password: "a-password" }, { "x-forwarded-for": "192.0.2.7" }).catch(
        (e: Error) => e,
      ),
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(SIGN_IN_UNAVAILABLE);
  });

  it("errors: a malformed tRPC input is a 400 naming the field, without a stack", async () => {
    const { status, body } = await call(
      trpcGet,
      `/api/trpc/tasks.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: "x" } }))}`,
      { token: viewer, params: { trpc: "tasks.byId" } },
    );
    expect(status).toBe(400);
    expect(body.error.json.message).toMatch(/^id: /);
    expectNoInternals(body);
  });
});
