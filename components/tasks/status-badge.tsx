"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";

export type TaskStatus = "pending" | "running" | "completed" | "failed" | "cancelled";

const TONE: Record<TaskStatus, BadgeTone> = { pending: "neutral", running: "info", completed: "ok", failed: "danger", cancelled: "muted" };

/**
 * A task's status; a running task the stuck check calls stuck shows 任务卡住 instead of 运行中, and a
 * completed task whose last run had failed cameras (`lastRunOutcome` partial) shows 部分失败 in amber.
 */
export function StatusBadge({ status, stuck, lastRunOutcome }: { status: TaskStatus; stuck?: boolean; lastRunOutcome?: string | null }) {
  const { t } = useI18n();
  if (stuck) {
    return (
      <Badge tone="warning" testId="status-badge">
        <span aria-hidden="true">⚠</span> {t("status.stuck")}
      </Badge>
    );
  }
  if (status === "completed" && lastRunOutcome === "partial") {
    return (
      <Badge tone="warning" testId="status-badge">
        {t("status.partial")}
      </Badge>
    );
  }
  return (
    <Badge tone={TONE[status]} testId="status-badge">
      {t(`status.${status}`)}
    </Badge>
  );
}
