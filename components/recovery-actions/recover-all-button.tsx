"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NamedTasks } from "./named-tasks";
import { useRecoveryActions } from "./use-recovery-actions";
import { useStuckCheck } from "./use-stuck-check";

/**
 * 全部恢复 behind a question that names how many tasks it resets and the first of them. The check is
 * re-run when the dialog opens, so the question describes the tasks as they are now.
 */
export function RecoverAllButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const check = useStuckCheck();
  const { recoverAll } = useRecoveryActions();
  const stuck = check.data?.total_stuck ?? 0;
  return (
    <>
      <Button
        variant="warning"
        onClick={() => {
          recoverAll.reset();
          setOpen(true);
          void check.refetch();
        }}
      >
        {t("recovery.recoverAll")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("recovery.all.title", { n: stuck })}
        confirmLabel={t("recovery.all.confirm", { n: stuck })}
        tone="warning"
        busy={recoverAll.isPending}
        confirmDisabled={check.isFetching || stuck === 0}
        error={recoverAll.error?.message}
        testId="recover-all-dialog"
        onCancel={() => setOpen(false)}
        onConfirm={() => recoverAll.mutate({ forceReset: false }, { onSuccess: () => setOpen(false) })}
      >
        <p>{stuck === 0 ? t("recovery.all.none") : t("recovery.all.body", { n: stuck })}</p>
        <NamedTasks tasks={check.data?.first_stuck ?? []} total={stuck} />
      </ConfirmDialog>
    </>
  );
}
