// Admin calls with dummy input really run (a bulk recovery resets whatever is stuck), so this file
// works in a database of its own.
import "../support/use-own-database";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/server/config/env";
import { appRouter } from "@/server/trpc/root";
import { call, tokenFor } from "../support/api-client";

/**
 * Who may call what, for EVERY tRPC procedure and EVERY REST route handler. Both lists are
 * discovered (the router's procedure record; app/api/**\/route.ts files and their exported methods),
 * so a new procedure or route fails this file until it is classified here.
 *   public: anyone, without credentials;  viewer: any signed-in role;  operator: operators and
 *   admins;  admin: admins only.
 */
type Access = "public" | "viewer" | "operator" | "admin";

const PROCEDURES: Record<string, Access> = {
  "me.get": "public",
  "cameras.list": "viewer",
  "cameras.overview": "viewer",
  "cameras.byId": "viewer",
  "cameras.tasks": "viewer",
  "cameras.results": "viewer",
  "cameras.create": "operator",
  "cameras.update": "operator",
  "cameras.delete": "operator",
  "cameras.test": "operator",
  "cameras.acknowledgements": "viewer",
  "cameras.reference": "viewer",
  "cameras.audit": "viewer",
  "cameras.acknowledge": "operator",
  "cameras.setReference": "operator",
  "cameras.clearReference": "operator",
  "tasks.list": "viewer",
  "tasks.byId": "viewer",
  "tasks.runs": "viewer",
  "tasks.latestResults": "viewer",
  "tasks.create": "operator",
  "tasks.update": "operator",
  "tasks.setActive": "operator",
  "tasks.runNow": "operator",
  "tasks.delete": "operator",
  "dashboard.summary": "viewer",
  "dashboard.series": "viewer",
  "recovery.statusCheck": "viewer",
  "recovery.stuckSummary": "viewer",
  "recovery.recoverAll": "admin",
  "recovery.recoverTask": "admin",
  "executors.list": "viewer",
  "audit.list": "viewer",
  "users.list": "admin",
  "users.create": "admin",
  "users.setRole": "admin",
  "tokens.list": "admin",
  "tokens.create": "admin",
  "tokens.revoke": "admin",
};

/** "METHOD /api/path" as the file system names it. `trpc`: checked per procedure above. */
const ROUTES: Record<string, Access | "trpc" | "next-auth"> = {
  "GET /api/health": "public",
  "GET /api/lang": "public",
  "GET /api/auth/[...nextauth]": "next-auth",
  "POST /api/auth/[...nextauth]": "next-auth",
  "GET /api/trpc/[trpc]": "trpc",
  "POST /api/trpc/[trpc]": "trpc",
  "GET /api/metrics": env.METRICS_PUBLIC ? "public" : "viewer",
  "GET /api/diagnosis/tasks/status-check": "viewer",
  "GET /api/diagnosis/recoveries/export": "viewer",
  "GET /api/results/[id]/thumbnail": "viewer",
  "GET /api/cameras/[id]/results": "viewer",
  "GET /api/cameras/[id]/reference": "viewer",
  "GET /api/cameras/[id]/reference/thumbnail": "viewer",
  "POST /api/cameras/[id]/acknowledge": "operator",
  "POST /api/cameras/[id]/reference": "operator",
  "DELETE /api/cameras/[id]/reference": "operator",
  "POST /api/diagnosis/tasks/recovery": "admin",
  "POST /api/diagnosis/tasks/[id]/recovery": "admin",
};

/**
 * The policy the tables must follow where it has an opinion: users, tokens and recovery actions are
 * for admins, task and camera changes for operators, reads for every role. A classification that
 * contradicts it (say, a new users.* procedure marked "viewer" to make this file pass) fails.
 */
function policy(name: string, isRead: boolean): Access | undefined {
  if (/^(users|tokens)\.|\/api\/(users|tokens)\b/.test(name)) return "admin";
  if (isRead) return /^me\.|\/api\/(health|auth|metrics|lang)\b/.test(name) ? undefined : "viewer";
  if (/^recovery\.|\/recovery$/.test(name)) return "admin";
  if (/^(tasks|cameras)\./.test(name)) return "operator";
  return undefined;
}

type Handler = Parameters<typeof call>[0];
type Caller = "anonymous" | "viewer" | "operator" | "admin" | "revoked";
const CALLERS: Caller[] = ["anonymous", "viewer", "operator", "admin", "revoked"];
const RANK: Record<Access, number> = { public: -1, viewer: 0, operator: 1, admin: 2 };

/**
 * 401, 403, or "allowed" (anything else: a 400/404/409 for dummy input is still getting in).
 * `credentialsChecked`: the route looks at a bearer token even when it needs none (tRPC resolves
 * the caller for every procedure), so a revoked token is a 401 there.
 */
function expected(access: Access, caller: Caller, credentialsChecked: boolean): 401 | 403 | "allowed" {
  if (access === "public" && !(caller === "revoked" && credentialsChecked)) return "allowed";
  if (caller === "anonymous" || caller === "revoked") return 401;
  return RANK[caller] >= RANK[access] ? "allowed" : 403;
}
const outcome = (status: number) => (status === 401 || status === 403 ? status : "allowed");

// ---- discovery -------------------------------------------------------------------------------

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;
const procedureNames = Object.keys(procedures).sort();

const API_DIR = path.resolve("app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const routeFiles = (fs.readdirSync(API_DIR, { recursive: true }) as string[])
  .filter((f) => /(^|\/)route\.[jt]sx?$/.test(f))
  .map((f) => ({ file: path.join(API_DIR, f), route: "/api/" + path.dirname(f).split(path.sep).join("/") }))
  .sort((a, b) => a.route.localeCompare(b.route));

const handlers: Array<{ key: string; route: string; method: string; handler: Handler }> = [];
for (const { file, route } of routeFiles) {
  const mod = (await import(file)) as Record<string, unknown>;
  for (const method of METHODS) {
    if (typeof mod[method] === "function") handlers.push({ key: `${method} ${route}`, route, method, handler: mod[method] as Handler });
  }
}

/** A concrete URL and params for a route folder: every [segment] gets a dummy value. */
function dummyRequest(route: string) {
  const params: Record<string, string | string[]> = {};
  const url = route.replace(/\[(\.\.\.)?(\w+)\]/g, (_, rest: string | undefined, name: string) => {
    params[name] = rest ? ["x"] : "999999999";
    return rest ? "x" : "999999999";
  });
  return { url, params };
}

// ---- callers ---------------------------------------------------------------------------------

const tokens = {} as Record<Exclude<Caller, "anonymous">, string>;
beforeAll(async () => {
  const [viewer, operator, admin, revoked] = await Promise.all([
    tokenFor("viewer"),
    tokenFor("operator"),
    tokenFor("admin"),
    tokenFor("admin"),
  ]);
  await revoked.revoke();
  Object.assign(tokens, { viewer: viewer.token, operator: operator.token, admin: admin.token, revoked: revoked.token });
});
const tokenOf = (caller: Caller) => (caller === "anonymous" ? undefined : tokens[caller]);

async function callProcedure(name: string, caller: Caller) {
  const trpc = handlers.find((h) => h.key === (procedures[name]!._def.type === "query" ? "GET /api/trpc/[trpc]" : "POST /api/trpc/[trpc]"));
  if (!trpc) throw new Error("the tRPC route handler was not found under app/api/trpc/[trpc]");
  const input = JSON.stringify({ json: {} });
  const init =
    trpc.method === "GET"
      ? { url: `/api/trpc/${name}?input=${encodeURIComponent(input)}` }
      : { url: `/api/trpc/${name}`, method: "POST", body: input, headers: { "content-type": "application/json" } };
  return call(trpc.handler, init.url, { ...init, token: tokenOf(caller), params: { trpc: name } });
}

// ---- the matrix ------------------------------------------------------------------------------

describe("access matrix: tRPC procedures", () => {
  it("access: every tRPC procedure is classified, and only existing ones", () => {
    expect(
      procedureNames.filter((p) => !(p in PROCEDURES)),
      "classify these in PROCEDURES",
    ).toEqual([]);
    expect(
      Object.keys(PROCEDURES).filter((p) => !procedureNames.includes(p)),
      "these no longer exist",
    ).toEqual([]);
  });

  it("access: every classification follows the policy (admin: users, tokens, recovery; operator: task and camera changes; reads: any role)", () => {
    const contradictions = procedureNames
      .filter((p) => p in PROCEDURES)
      .map((p) => ({ p, want: policy(p, procedures[p]!._def.type === "query"), got: PROCEDURES[p] }))
      .filter(({ want, got }) => want && want !== got);
    expect(contradictions).toEqual([]);
  });

  for (const name of procedureNames.filter((p) => p in PROCEDURES)) {
    const access = PROCEDURES[name]!;
    it(`access: ${name} is ${access === "public" ? "public" : `for ${access}s and above`}`, async () => {
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const caller of CALLERS) {
        const { status } = await callProcedure(name, caller);
        got[caller] = outcome(status);
        want[caller] = expected(access, caller, true);
        if (got[caller] === "allowed") expect(status, `${caller} calling ${name} with dummy input`).toBeLessThan(500);
      }
      expect(got).toEqual(want);
    });
  }
});

describe("access matrix: REST routes", () => {
  it("access: every REST route handler is classified, and only existing ones", () => {
    const discovered = handlers.map((h) => h.key);
    expect(
      discovered.filter((k) => !(k in ROUTES)),
      "classify these in ROUTES",
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((k) => !discovered.includes(k)),
      "these no longer exist",
    ).toEqual([]);
    expect(
      routeFiles.filter(({ route }) => !handlers.some((h) => h.route === route)),
      "route files exporting no handler",
    ).toEqual([]);
  });

  it("access: every REST classification follows the policy", () => {
    const contradictions = Object.entries(ROUTES)
      .filter(([, access]) => access !== "trpc" && access !== "next-auth")
      .map(([key, got]) => ({ key, got, want: policy(key.split(" ")[1]!, key.startsWith("GET ")) }))
      .filter(({ want, got }) => want && want !== got);
    expect(contradictions).toEqual([]);
  });

  // tRPC is walked per procedure above; next-auth's handlers only run inside Next's request scope
  // (the e2e sign-in tests cover them).
  for (const { key, route, method, handler } of handlers) {
    const access = ROUTES[key];
    if (!access || access === "trpc" || access === "next-auth") continue;
    it(`access: ${key} is ${access === "public" ? "public" : `for ${access}s and above`}`, async () => {
      const { url, params } = dummyRequest(route);
      const got: Record<string, unknown> = {};
      const want: Record<string, unknown> = {};
      for (const caller of CALLERS) {
        const { status } = await call(handler, url, { method, token: tokenOf(caller), params: params as Record<string, string> });
        got[caller] = outcome(status);
        // A public route that never reads credentials lets a revoked token through like anyone else.
        want[caller] = expected(access, caller, access !== "public");
        if (got[caller] === "allowed") expect(status, `${caller}: ${key} with dummy input`).toBeLessThan(500);
      }
      expect(got).toEqual(want);
    });
  }
});
