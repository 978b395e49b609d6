"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";

/** The operations guide's interval: the stuck check (and the task list) refresh every 5 minutes. */
export const CHECK_INTERVAL_MS = 5 * 60 * 1000;

/** The status check over all running tasks, in numbers, shared by the banner and the force-reset dialog. */
export function useStuckCheck() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.recovery.stuckSummary.queryOptions({}),
    refetchInterval: CHECK_INTERVAL_MS,
    placeholderData: keepPreviousData,
  });
}
