"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useHasRole } from "@/components/auth/actor-provider";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RecoverTaskButton } from "@/components/recovery-actions/recover-task-button";
import { ForceRecoverTaskButton } from "@/components/recovery-actions/force-recover-task-button";
import type { TaskWithStuck } from "@/server/tasks/task-stuck";
import { useTaskActions } from "./use-task-actions";
import { isTaskBusy } from "./live-refresh";

/**
 * What the signed-in role may do with one task. Controls that the task's state refuses are shown
 * disabled with the reason as their description, rather than hidden, so the bar keeps its layout.
 */
export function TaskActions({ task }: { task: TaskWithStuck }) {
  const { t } = useI18n();
  const router = useRouter();
  const isOperator = useHasRole("operator");
  const isAdmin = useHasRole("admin");
  const { runNow, setActive, remove } = useTaskActions();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const running = task.status === "running";
  const due = !running && isTaskBusy(task);
  return (
    <>
      {isAdmin && task.stuck && <RecoverTaskButton task={task} />}
      {isAdmin && running && !task.stuck && <ForceRecoverTaskButton task={task} />}
      {isOperator && (
        <>
          <Button
            variant="primary"
            busy={runNow.isPending}
            disabled={running || due || !task.isActive}
            title={
              running
                ? t("taskDetail.runNowRunning")
                : due
                  ? t("taskDetail.runNowDue")
                  : !task.isActive
                    ? t("taskDetail.runNowInactive")
                    : undefined
            }
            onClick={() => runNow.mutate({ id: task.id })}
          >
            {t("taskDetail.runNow")}
          </Button>
          <Button busy={setActive.isPending} onClick={() => setActive.mutate({ id: task.id, active: !task.isActive })}>
            {task.isActive ? t("taskDetail.deactivate") : t("taskDetail.activate")}
          </Button>
          <ButtonLink href={`/tasks/${task.id}/edit`}>{t("taskDetail.edit")}</ButtonLink>
          <Button
            variant="danger"
            disabled={running}
            title={running ? t("taskDetail.deleteRunning") : undefined}
            onClick={() => {
              remove.reset();
              setConfirmDelete(true);
            }}
          >
            {t("taskDetail.delete")}
          </Button>
          <ConfirmDialog
            open={confirmDelete}
            title={t("taskDetail.deleteTitle")}
            confirmLabel={t("taskDetail.delete")}
            busy={remove.isPending}
            error={remove.error?.message}
            onCancel={() => setConfirmDelete(false)}
            onConfirm={() => remove.mutate({ id: task.id }, { onSuccess: () => router.push("/tasks") })}
          >
            <p>{t("taskDetail.deleteBody", { name: task.name })}</p>
          </ConfirmDialog>
        </>
      )}
    </>
  );
}
