"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useAnnounce } from "@/components/ui/announcer";

/** Run now, activate/deactivate and delete: each announces its result and refreshes the task queries. */
export function useTaskActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const { t } = useI18n();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() }),
    ]);
  const onError = (err: { message: string }) => {
    announce(t("ui.actionFailed", { message: err.message }), "error");
    return refresh();
  };
  const runNow = useMutation(
    trpc.tasks.runNow.mutationOptions({
      onSuccess: (task) => {
        announce(t("taskDetail.ranNow", { name: task.name }));
        return refresh();
      },
      onError,
    }),
  );
  const setActive = useMutation(
    trpc.tasks.setActive.mutationOptions({
      onSuccess: (task) => {
        announce(t(task.isActive ? "taskDetail.activated" : "taskDetail.deactivated", { name: task.name }));
        return refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.tasks.delete.mutationOptions({
      // Only the lists: refetching the deleted task itself would flash an error before the page leaves.
      onSuccess: (task) => {
        announce(t("taskDetail.deleted", { name: task.name }));
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.tasks.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() }),
        ]);
      },
    }),
  );
  return { runNow, setActive, remove };
}
