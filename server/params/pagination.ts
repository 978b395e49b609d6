import "server-only";
import { z } from "zod";
import { MAX_PAGE } from "@/shared/parameter-limits";

const pageMessage = `页码必须是 1 到 ${MAX_PAGE} 之间的整数 (page must be a whole number from 1 to ${MAX_PAGE}).`;
const pageSchema = z.number({ error: pageMessage }).int(pageMessage).min(1, pageMessage).max(MAX_PAGE, pageMessage);

/**
 * `page` and `pageSize` of a paged list. Lists differ only in how many rows a page may hold
 * (`maxPageSize`) and how many it holds when the caller does not say.
 */
export function pageFields(maxPageSize: number, defaultPageSize: number) {
  const sizeMessage = `每页条数必须是 1 到 ${maxPageSize} 之间的整数 (pageSize must be a whole number from 1 to ${maxPageSize}).`;
  return {
    page: pageSchema.default(1),
    pageSize: z.number({ error: sizeMessage }).int(sizeMessage).min(1, sizeMessage).max(maxPageSize, sizeMessage).default(defaultPageSize),
  };
}
