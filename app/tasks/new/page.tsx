import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";
import { pageTitle } from "@/components/ui/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { TaskForm } from "@/components/tasks/task-form";
import { cameraChoicesInput } from "@/components/tasks/task-form-values";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { requireRole } from "@/server/auth/require-role";

export const generateMetadata = () => pageTitle("taskForm.newTitle");

export default async function NewTaskPage() {
  await requireRole("operator");
  const t = await getTranslator();
  await getQueryClient().prefetchQuery(trpc.cameras.list.queryOptions(cameraChoicesInput()));
  return (
    <div className="form-page">
      <Link href="/tasks" className="back-link">
        ← {t("task.back")}
      </Link>
      <PageHeader id="task-form-heading" title={t("taskForm.newTitle")} />
      <HydrateClient>
        <TaskForm />
      </HydrateClient>
    </div>
  );
}
