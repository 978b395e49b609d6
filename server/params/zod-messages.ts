import "server-only";
import { z } from "zod";

/**
 * Validation messages in the API's sentence form, "中文 (English).", for every zod check that has
 * no message of its own: zod's zh-CN and English texts side by side. An unknown key (tRPC inputs are
 * strict objects) is named the way the REST API names an unknown parameter. Imported by
 * server/errors.ts, where validation errors become API errors, so it is in force wherever the server
 * parses input; browser bundles never load it (their forms speak one language at a time).
 */
const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;
const text = (message: ReturnType<typeof zh>) => (typeof message === "string" ? message : (message?.message ?? ""));

z.config({
  customError: (issue) => {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.map((key) => JSON.stringify(key).slice(0, 80)).join(", ");
      return `未知参数 ${keys} (unknown parameter ${keys}).`;
    }
    return `${text(zh(issue))} (${text(en(issue))}).`;
  },
});
