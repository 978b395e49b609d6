import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { TaskDetail } from "@/components/tasks/task-detail";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  try {
    await getQueryClient().fetchQuery(trpc.tasks.byId.queryOptions({ id }));
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return (
    <HydrateClient>
      <TaskDetail id={id} />
    </HydrateClient>
  );
}
