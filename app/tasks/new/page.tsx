import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { pageTitle } from "@/components/ui/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { TaskForm } from "@/components/tasks/task-form";
import { cameraChoicesInput } from "@/components/tasks/task-form-values";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { hasRole } from "@/shared/actor";
import { currentActor } from "@/server/auth/current-actor";

export const generateMetadata = () => pageTitle("taskForm.newTitle");

export default async function NewTaskPage() {
  const [t, actor] = await Promise.all([getTranslator(), currentActor()]);
  if (!actor || !hasRole(actor, "operator")) return <Forbidden t={t} needs="operator" />;
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
