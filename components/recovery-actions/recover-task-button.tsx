"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useRecoveryActions } from "./use-recovery-actions";

/** 恢复任务 for one stuck task (admins). The server refuses it if the task recovered or finished meanwhile. */
export function RecoverTaskButton({ task, small }: { task: { id: number; name: string }; small?: boolean }) {
  const { t } = useI18n();
  const { recoverTask } = useRecoveryActions();
  return (
    <Button
      variant="warning"
      small={small}
      busy={recoverTask.isPending}
      aria-label={t("recovery.recoverTaskNamed", { name: task.name })}
      onClick={() => recoverTask.mutate({ id: task.id })}
    >
      {t("recovery.recoverTask")}
    </Button>
  );
}
