"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useAnnounce } from "@/components/ui/announcer";

/**
 * The recovery mutations of the task pages. Each announces its result (the API's own message, e.g.
 * "成功重置 2 个卡住的任务") and invalidates what a reset changes: every task query, the stuck
 * check, the recovery audit and the dashboard, so the page shows the new state at once.
 */
export function useRecoveryActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const { lang, t } = useI18n();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.recovery.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() }),
    ]);
  const failed = (err: { message: string }) => {
    announce(t("ui.actionFailed", { message: err.message }), "error");
    return refresh();
  };

  const recoverAll = useMutation(
    trpc.recovery.recoverAll.mutationOptions({
      onSuccess: (data) => {
        // The API's sentence is Chinese; English readers get the same facts in English.
        announce(lang === "zh" ? data.message : t("recovery.resetCount", { n: data.reset_tasks }));
        return refresh();
      },
      onError: failed,
    }),
  );
  const recoverTask = useMutation(
    trpc.recovery.recoverTask.mutationOptions({
      onSuccess: (data) => {
        announce(t("recovery.taskRecovered", { id: data.task_id, status: t(`status.${data.new_status}`) }));
        return refresh();
      },
      onError: failed,
    }),
  );
  return { recoverAll, recoverTask };
}
