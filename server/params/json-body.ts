import "server-only";
import { badRequest } from "@/server/errors";
import { unknownParam } from "./read-param";

/**
 * A REST request's JSON object body (an empty body is `{}`), with only `allowed` names: a misspelt
 * field is a 400 that says so, never silently ignored. `example`, when given, is a valid body quoted in
 * the error for a body that is not an object, so a script's author sees what to send.
 */
export async function readJsonObject(req: Request, allowed: readonly string[], example?: string): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("请求体不是有效的 JSON (the request body is not valid JSON).");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const zhExample = example ? `，例如 ${example}` : "";
    throw badRequest(`请求体必须是 JSON 对象${zhExample} (the body must be a JSON object).`);
  }
  for (const name of Object.keys(body)) if (!allowed.includes(name)) throw unknownParam(name, allowed);
  return body as Record<string, unknown>;
}
