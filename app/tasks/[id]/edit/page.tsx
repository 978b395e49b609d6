import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { TaskForm } from "@/components/tasks/task-form";
import { cameraChoicesInput } from "@/components/tasks/task-form-values";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { requireRole } from "@/server/auth/require-role";
import { prefetchTaskFromParam } from "../../task-id";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [t, task] = await Promise.all([getTranslator(), prefetchTaskFromParam((await params).id)]);
  return { title: `${t("taskForm.editTitle")}: ${task.name} · ${t("app.name")}` };
}

export default async function EditTaskPage({ params }: Props) {
  await requireRole("operator");
  const t = await getTranslator();
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
