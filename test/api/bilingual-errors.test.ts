import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { GET as statusCheck } from "@/app/api/diagnosis/tasks/status-check/route";
import { POST as recoverAll } from "@/app/api/diagnosis/tasks/recovery/route";
import { crossSiteRefusal } from "@/server/http/same-origin";
import { DATABASE_UNREACHABLE } from "@/server/errors";
import { sentenceIn } from "@/shared/bilingual";
import { call, tokenFor } from "../support/api-client";
import { expectBilingual } from "../support/expect-bilingual";
import { uniqueName } from "../support/unique";

/**
 * Every error the API answers is one sentence in both languages, "中文 (english).": the console
 * shows its reader one half (shared/bilingual.ts), a script reads either. Two walks: the sentences
 * written in the services and input schemas (the catalogue of refusals, read from the sources), and
 * real requests answering each status a client meets.
 */
const CJK = /[\u4e00-\u9fff]/;

// ---- the catalogue: literal sentences in the code that answers API requests ----

/**
 * Where errors are written: the API's, and the CLI's and the environment settings' (the same form;
 * test/cli/easysight-cli.test.ts runs them). Not walked here: the alert-rule file's problems (read
 * from a real bad file in test/alerts/alert-rules.test.ts) and the diagnosis engine (no sentences
 * of its own); api-shapes.ts holds the operations guide's success messages, which are Chinese
 * exactly as the guide documents them.
 */
const ROOTS = ["server", "app/api", "shared"];
const SKIP = /^server\/(alerts|diagnosis|db\/generated)\/|^server\/recovery\/api-shapes\.ts$/;
/** Error constructors and zod messages: the literal that follows is an API sentence. */
const SENTENCE_SITES = [
  /\b(?:badRequest|notFound|conflict|forbidden|unauthorized)\(\s*/g,
  /new AppError\(\s*"[A-Z_]+",\s*/g,
  /\.(?:min|max|length|regex)\([^,()]+,\s*/g,
  /\.(?:int|refine)\(\s*/g,
  /\{\s*(?:error|message):\s*/g,
  /\bmessage:\s*/g,
  /const \w*Message\s*=\s*/g,
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/**
 * The string literal starting at `at` (quotes or a template, `${...}` read as X), with literals
 * joined to it by `+`; null when no literal starts there (a variable: its own definition is walked).
 */
function literalAt(source: string, at: number): string | null {
  const quote = source[at];
  if (quote !== '"' && quote !== "'" && quote !== "`") return null;
  let text = "";
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      text += source[++i];
    } else if (c === quote) {
      const joined = /^\s*\+\s*/.exec(source.slice(i + 1));
      return text + (joined ? (literalAt(source, i + 1 + joined[0].length) ?? "") : "");
    } else if (quote === "`" && c === "$" && source[i + 1] === "{") {
      let depth = 0;
      for (i++; i < source.length; i++) {
        if (source[i] === "{") depth++;
        else if (source[i] === "}" && --depth === 0) break;
      }
      text += "X";
    } else text += c;
  }
  return null;
}

function catalogue(): Array<{ where: string; text: string }> {
  const found: Array<{ where: string; text: string }> = [];
  for (const root of ROOTS) {
    for (const file of sourceFiles(root)) {
      if (SKIP.test(file.split(path.sep).join("/"))) continue;
      const source = fs.readFileSync(file, "utf8");
      for (const site of SENTENCE_SITES) {
        for (const match of source.matchAll(site)) {
          const text = literalAt(source, match.index + match[0].length);
          // Sentences only: codes, keys and identifiers ("custom", "FORBIDDEN") are not messages, nor
          // a frame around sentences made elsewhere ("X: X", a parameter's name before its schema's sentence).
          if (text === null || !/\s/.test(text.trim()) || !/[A-Za-z\u4e00-\u9fff]{2,}/.test(text.replace(/\bX\b/g, ""))) continue;
          const line = source.slice(0, match.index).split("\n").length;
          found.push({ where: `${file}:${line}`, text });
        }
      }
    }
  }
  return found;
}

describe("API errors in both languages", () => {
  it("every refusal written in the services and input schemas is one sentence in both languages", () => {
    const sentences = catalogue();
    // The walk finds the refusals it is meant to find (a broken pattern would pass vacuously).
    expect(sentences.length).toBeGreaterThan(60);
    expect(sentences.some((s) => s.where.startsWith(path.join("server", "cameras", "camera-input.ts")))).toBe(true);
    const wrong = sentences.filter(({ text }) => {
      const zh = sentenceIn(text, "zh");
      return zh === text || sentenceIn(text, "en") === text || CJK.test(sentenceIn(text, "en").replace(/"[^"]*"|「[^」]*」/g, ""));
    });
    expect(wrong.map((s) => `${s.where}: ${s.text}`)).toEqual([]);
  });

  describe("each status a client meets", () => {
    let viewer: string;
    let operator: string;
    beforeAll(async () => {
      [viewer, operator] = [(await tokenFor("viewer")).token, (await tokenFor("operator")).token];
    });

    const query = (procedure: string, input: unknown, token?: string) =>
      call(trpcGet, `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
        token,
        params: { trpc: procedure },
      });
    const mutate = (procedure: string, input: unknown, token: string, body = JSON.stringify({ json: input })) =>
      call(trpcPost, `/api/trpc/${procedure}`, {
        method: "POST",
        token,
        body,
        headers: { "content-type": "application/json" },
        params: { trpc: procedure },
      });
    const trpcError = (res: Awaited<ReturnType<typeof query>>) => res.body.error.json;

    it("401: no credentials, a malformed Authorization header and an unknown token, on REST and tRPC", async () => {
      for (const token of [undefined, "not-a-real-token"]) {
        const rest = await call(statusCheck, "/api/diagnosis/tasks/status-check", { token });
        expect(rest.status).toBe(401);
        expectBilingual(rest.body.message, `REST 401 (${token ?? "none"})`);
        const trpc = await query("tasks.list", {}, token);
        expect(trpc.status).toBe(401);
        expectBilingual(trpcError(trpc).message, `tRPC 401 (${token ?? "none"})`);
      }
      const basic = await call(statusCheck, "/api/diagnosis/tasks/status-check", { headers: { authorization: "Basic abc" } });
      expect(basic.status).toBe(401);
      expectBilingual(basic.body.message, "REST 401 (Basic)");
    });

    it("403: a role that may not, on REST and tRPC; a cross-site change", async () => {
      const rest = await call(recoverAll, "/api/diagnosis/tasks/recovery", { method: "POST", token: viewer });
      expect(rest.status).toBe(403);
      expectBilingual(rest.body.message, "REST 403");
      const trpc = await mutate("recovery.recoverAll", { forceReset: false }, viewer);
      expect(trpc.status).toBe(403);
      expectBilingual(trpcError(trpc).message, "tRPC 403");
      expectBilingual(
        crossSiteRefusal(new Request("http://localhost/api/trpc/x", { method: "POST", headers: { "content-type": "text/plain" } }))
          ?.message,
        "415",
      );
    });

    it("400: validation of a field, with the field named as data; a service's refusal at its field; tRPC's own refusals", async () => {
      const unnamed = await mutate("cameras.create", { name: " ", sourceType: "image_folder", sourceUri: "demo/cameras/lobby" }, operator);
      expect(unnamed.status).toBe(400);
      expectBilingual(trpcError(unnamed).message, "tRPC 400 (zod)");
      expect(trpcError(unnamed).data.details).toEqual({ field: "name" });

      const missing = await mutate(
        "cameras.create",
        { name: uniqueName("cam"), sourceType: "image_folder", sourceUri: "no/such/folder" },
        operator,
      );
      expect(missing.status).toBe(400);
      expectBilingual(trpcError(missing).message, "tRPC 400 (source)");
      expect(trpcError(missing).data.details).toMatchObject({ field: "sourceUri" });

      const notJson = await mutate("cameras.create", null, operator, "{not json");
      expect(notJson.status).toBe(400);
      expectBilingual(trpcError(notJson).message, "tRPC 400 (not JSON)");

      const rest = await call(recoverAll, "/api/diagnosis/tasks/recovery?force_reset=maybe", { method: "POST", token: operator });
      expect([400, 403]).toContain(rest.status);
      expectBilingual(rest.body.message, "REST 400/403");
    });

    it("404: an unknown task, and a path that names no procedure; 409: a name taken, at its field", async () => {
      const task = await query("tasks.byId", { id: 2_000_000_001 }, viewer);
      expect(task.status).toBe(404);
      expectBilingual(trpcError(task).message, "tRPC 404");
      const unknown = await query("tasks.nothingHere", {}, viewer);
      expect(unknown.status).toBe(404);
      expectBilingual(trpcError(unknown).message, "tRPC 404 (no procedure)");
      expect(trpcError(unknown).message).toContain("tasks.nothingHere");

      const name = uniqueName("同名");
      const camera = { name, sourceType: "image_folder", sourceUri: "demo/cameras/lobby" };
      expect((await mutate("cameras.create", camera, operator)).status).toBe(200);
      const taken = await mutate("cameras.create", camera, operator);
      expect(taken.status).toBe(409);
      expectBilingual(trpcError(taken).message, "tRPC 409");
      expect(trpcError(taken).data.details).toEqual({ field: "name" });
    });

    it("503: the database unreachable", () => {
      expectBilingual(DATABASE_UNREACHABLE, "503");
    });
  });
});
