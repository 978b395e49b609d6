"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NamedTasks } from "./named-tasks";
import { useRecoveryActions } from "./use-recovery-actions";
import { useStuckCheck } from "./use-stuck-check";

/**
 * 强制重置 (force_reset) of every running task, behind a question that says how many healthy runs it
 * interrupts. The counts are re-checked when the dialog opens, so they describe the tasks as they are.
 */
export function ForceResetButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const check = useStuckCheck();
  const { recoverAll } = useRecoveryActions();
  const running = check.data?.total_running ?? 0;
  const healthy = check.data?.actually_running ?? 0;
  return (
    <>
      <Button
        onClick={() => {
          recoverAll.reset();
          setOpen(true);
          void check.refetch();
        }}
      >
        {t("recovery.forceReset")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("recovery.force.title")}
        confirmLabel={t("recovery.force.confirm")}
        busy={recoverAll.isPending}
        confirmDisabled={check.isFetching}
        error={recoverAll.error?.message}
        testId="force-reset-dialog"
        onCancel={() => setOpen(false)}
        onConfirm={() => recoverAll.mutate({ forceReset: true }, { onSuccess: () => setOpen(false) })}
      >
        <p>{t("recovery.force.body", { running })}</p>
        <p className={healthy ? "text-danger" : undefined}>
          <strong>{healthy ? t("recovery.force.interrupts", { n: healthy }) : t("recovery.force.noneInterrupted")}</strong>
        </p>
        <NamedTasks tasks={check.data?.first_running ?? []} total={running} />
      </ConfirmDialog>
    </>
  );
}
