import { MAX_ID } from "./parameter-limits";

/**
 * A row id written as text (a URL path or query parameter, a command-line argument): digits only,
 * from 1 to MAX_ID, else null. Pages, REST routes, tRPC and the CLI all read ids with this, so "007",
 * "1e3", "-1" or "99999999999" mean the same everywhere. The browser bundles it too.
 */
export function parsePositiveId(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= MAX_ID ? id : null;
}
