"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";

/** The operations guide's interval: the stuck check (and the task list) refresh every 5 minutes. */
export const CHECK_INTERVAL_MS = 5 * 60 * 1000;

/** The status check over all running tasks, shared by the banner, the force-reset dialog and the dashboard. */
export function useStuckCheck() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.recovery.statusCheck.queryOptions({}), refetchInterval: CHECK_INTERVAL_MS, placeholderData: keepPreviousData });
}
