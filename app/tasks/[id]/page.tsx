import { TaskDetail } from "@/components/tasks/task-detail";
import { recoveriesInput, runsInput } from "@/components/tasks/task-detail-queries";
import { getTranslator } from "@/components/i18n/server";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { prefetchTaskFromParam } from "../task-id";
// The result cards reuse the camera pages' check table, whose styles live there.
import "../../styles/admin.css";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [t, task] = await Promise.all([getTranslator(), prefetchTaskFromParam((await params).id)]);
  return { title: `${task.name} · ${t("app.name")}` };
}

/** The whole page is fetched on the server, so it arrives complete instead of filling in section by section. */
export default async function TaskPage({ params }: Props) {
  const task = await prefetchTaskFromParam((await params).id);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.tasks.latestResults.queryOptions({ id: task.id })),
    queryClient.prefetchQuery(trpc.tasks.runs.queryOptions(runsInput(task.id))),
    queryClient.prefetchQuery(trpc.audit.list.queryOptions(recoveriesInput(task.id))),
  ]);
  return (
    <HydrateClient>
      <TaskDetail id={task.id} />
    </HydrateClient>
  );
}
