import "server-only";
import { z } from "zod";

const message = "必须是 true 或 false (must be true or false).";

/**
 * `force_reset` from a query string or a JSON body: exactly `true` or `false` (text or JSON
 * boolean). `1`, `TRUE` or `yes` are refused rather than guessed: a recovery that resets healthy
 * runs must never start from a value somebody meant differently.
 */
export const forceResetTextSchema = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value),
  z.boolean({ error: message }),
);
