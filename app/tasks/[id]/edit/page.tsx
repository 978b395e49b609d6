import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { TaskForm } from "@/components/tasks/task-form";
import { cameraChoicesInput } from "@/components/tasks/task-form-values";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { hasRole } from "@/shared/actor";
import { currentActor } from "@/server/auth/current-actor";
import { prefetchTaskFromParam } from "../../task-id";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [t, task] = await Promise.all([getTranslator(), prefetchTaskFromParam((await params).id)]);
  return { title: `${t("taskForm.editTitle")}: ${task.name} · ${t("app.name")}` };
}

export default async function EditTaskPage({ params }: Props) {
  const [t, actor] = await Promise.all([getTranslator(), currentActor()]);
  if (!actor || !hasRole(actor, "operator")) return <Forbidden t={t} needs="operator" />;
  const task = await prefetchTaskFromParam((await params).id);
  await getQueryClient().prefetchQuery(trpc.cameras.list.queryOptions(cameraChoicesInput()));
  return (
    <div className="form-page">
      <Link href={`/tasks/${task.id}`} className="back-link">
        ← {task.name}
      </Link>
      <PageHeader id="task-form-heading" title={t("taskForm.editTitle")} />
      <HydrateClient>
        <TaskForm task={task} />
      </HydrateClient>
    </div>
  );
}
