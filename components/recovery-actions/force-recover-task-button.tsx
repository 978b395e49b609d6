"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useRecoveryActions } from "./use-recovery-actions";

/** Force recovery of one running task that is not stuck (admins): it interrupts a healthy run, so it asks first. */
export function ForceRecoverTaskButton({ task }: { task: { id: number; name: string } }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { recoverTask } = useRecoveryActions();
  return (
    <>
      <Button
        onClick={() => {
          recoverTask.reset();
          setOpen(true);
        }}
      >
        {t("recovery.forceTask")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("recovery.forceTask.title")}
        confirmLabel={t("recovery.force.confirm")}
        busy={recoverTask.isPending}
        error={recoverTask.error?.message}
        testId="force-recover-dialog"
        onCancel={() => setOpen(false)}
        onConfirm={() => recoverTask.mutate({ id: task.id, forceReset: true }, { onSuccess: () => setOpen(false) })}
      >
        <p>{t("recovery.forceTask.body", { name: task.name })}</p>
      </ConfirmDialog>
    </>
  );
}
