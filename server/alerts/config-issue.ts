import "server-only";
import type { z } from "zod";

/** One zod issue of a rule or channel in the rules file, as a sentence naming the field. */
export function describeIssue(issue: z.core.$ZodIssue, knownFields: readonly string[], what: string): string {
  const field = issue.path.map(String).join(".");
  if (issue.code === "invalid_type" && issue.input === undefined) return `missing ${field}`;
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")} (known: ${knownFields.join(", ")})`;
  if (issue.code === "invalid_type" && !field) return `must be a mapping with ${what}`;
  return `${field ? `${field} ` : ""}${issue.message}`;
}
