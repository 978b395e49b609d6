import { z } from "zod";
import { MAX_ID } from "@/shared/parameter-limits";
import { parsePositiveId } from "@/shared/positive-id";

const message = `必须是 1 到 ${MAX_ID} 之间的正整数 (must be a whole number from 1 to ${MAX_ID}).`;

/** A row id in tRPC input: tasks, cameras, tokens, users. */
export const idSchema = z.number({ error: message }).int(message).min(1, message).max(MAX_ID, message);

/** The same id written as text: a URL path or query parameter, a command-line argument. */
export const idTextSchema = z.string({ error: message }).transform((text, ctx) => {
  const id = parsePositiveId(text);
  if (id === null) {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }
  return id;
});

/** `{ id }`, the input of every procedure that acts on one row. */
export const idInput = z.strictObject({ id: idSchema });
