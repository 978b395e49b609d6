import "server-only";
import { sentenceIn } from "@/shared/bilingual";

/**
 * Refusals tRPC makes itself, before any procedure runs (a path that names no procedure, a body that
 * is not JSON, a GET for a mutation), come with tRPC's English text. They are answered in the API's
 * form like every other error, "中文 (english)."; a sentence already in that form (every refusal
 * of ours) passes unchanged.
 */
const OWN: Record<string, (path: string | undefined) => string> = {
  NOT_FOUND: (path) => `没有名为 "${path ?? ""}" 的接口 (no procedure is named "${path ?? ""}").`,
  PARSE_ERROR: () => "请求内容不是有效的 JSON (the request body is not valid JSON).",
  METHOD_NOT_SUPPORTED: () => "该接口不接受这种 HTTP 方法：查询用 GET，修改用 POST (wrong HTTP method: queries use GET, changes use POST).",
  PAYLOAD_TOO_LARGE: () => "请求内容过大 (the request body is too large).",
};

export function trpcOwnSentence(message: string, code: string, path: string | undefined): string {
  if (sentenceIn(message, "en") !== message) return message;
  const own = OWN[code];
  return own ? own(path) : `请求无法处理 (the request could not be handled: ${message.replace(/[.!]*$/, "")}).`;
}
