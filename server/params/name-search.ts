import "server-only";
import { z } from "zod";

const message = "搜索文字最长 200 个字符 (the search text has at most 200 characters).";

/** `q` of the task, camera and audit lists: part of a name, any case. */
export const searchTextSchema = z.string({ error: message }).trim().max(200, message);

/**
 * The filter "contains `q`, any case", for a Prisma string field. Prisma hands `contains` to
 * PostgreSQL's ILIKE as `%q%` without escaping, so `%` or `_` typed by a user would be wildcards
 * (`q=%` matched every row). Escaped with ILIKE's default escape character, the backslash, they
 * match themselves, and so does a backslash.
 */
export const containsText = (q: string) => ({ contains: q.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const });
