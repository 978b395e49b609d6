import "server-only";
import { alertsFileVariable } from "@/server/config/env";

/** `${NAME}`: an environment variable's value in place (a shell-style name). */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface MissingVariable {
  field: string;
  variable: string;
}

/** The problem of a reference to an unset variable, "field: 中文 (english).": names the variable, never a value. */
export const missingVariableSentence = (m: MissingVariable) =>
  `${m.field}: 环境变量 ${m.variable} 未设置 (environment variable ${m.variable} is not set).`;

/**
 * Replaces `${NAME}` references in a channel's string values (and lists of strings) with the
 * environment's values, so the file can be committed without its secrets. A reference to an
 * unset variable is reported, never replaced by an empty string: an empty secret would only fail
 * later, at the first alert.
 */
export function expandVariables(fields: Record<string, unknown>): { value: Record<string, unknown>; missing: MissingVariable[] } {
  const missing: MissingVariable[] = [];
  const expand = (field: string, v: unknown): unknown => {
    if (typeof v === "string")
      return v.replace(REFERENCE, (whole, variable: string) => {
        const value = alertsFileVariable(variable);
        if (value === undefined) missing.push({ field, variable });
        return value ?? whole;
      });
    if (Array.isArray(v)) return v.map((item, i) => expand(`${field}.${i}`, item));
    return v;
  };
  return { value: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, expand(k, v)])), missing };
}
