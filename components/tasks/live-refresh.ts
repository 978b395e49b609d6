import { CHECK_INTERVAL_MS } from "@/components/recovery-actions/use-stuck-check";

/** How often a page refetches while something on it is due or running (then the 5-minute cycle). */
export const LIVE_INTERVAL_MS = 3_000;

interface Schedulable {
  status: string;
  isActive: boolean;
  nextRunTime: Date | null;
}

/** Running, or due (the executor will claim it at its next poll): its state is about to change. */
export const isTaskBusy = (task: Schedulable, now = Date.now()) =>
  task.status === "running" || (task.isActive && task.status !== "running" && !!task.nextRunTime && task.nextRunTime.getTime() <= now);

/**
 * The refetch interval of a page's one query, computed from its last answer: every few seconds while
 * anything it shows is busy, the 5-minute cycle once it is idle. One query per page (the list's page
 * of rows, not one per row), so 1000 tasks on screen still cost one request every few seconds.
 */
export const liveInterval = (busy: boolean) => (busy ? LIVE_INTERVAL_MS : CHECK_INTERVAL_MS);
