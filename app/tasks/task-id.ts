import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { parsePositiveId } from "@/shared/positive-id";
import { getQueryClient, trpc } from "@/server/trpc/server-prefetch";

/**
 * The task of a /tasks/[id] URL, fetched into the request's query cache (the client reads it from
 * there). Anything that is not a positive id, or a task that does not exist, is the 404 page.
 */
export async function prefetchTaskFromParam(raw: string) {
  const id = parsePositiveId(raw);
  if (id === null) notFound();
  try {
    return await getQueryClient().fetchQuery(trpc.tasks.byId.queryOptions({ id }));
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
