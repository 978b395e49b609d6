import "server-only";
import type { z } from "zod";
// zod's own messages (a number out of range, a wrong type) in both languages, as the API's.
import "@/server/params/zod-messages";

/** What a rule or a channel must be, in both languages: [中文, english]. */
export type MappingFields = readonly [zh: string, en: string];

/** One zod issue of a rule or channel in the rules file, as a sentence naming the field, "field: 中文 (english).". */
export function describeIssue(issue: z.core.$ZodIssue, knownFields: readonly string[], what: MappingFields): string {
  const field = issue.path.map(String).join(".");
  if (issue.code === "invalid_type" && !field) return `必须是含 ${what[0]} 的映射 (must be a mapping with ${what[1]}).`;
  // `input` is there when parsed with reportInput: a field given with the wrong type is not "missing".
  if (issue.code === "invalid_type" && issue.input === undefined) return `缺少 ${field} (missing ${field}).`;
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    const known = knownFields.join(", ");
    return `未知的字段 ${keys}，可用的字段：${known} (unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}; known: ${known}).`;
  }
  return `${field ? `${field}: ` : ""}${issue.message}`;
}
