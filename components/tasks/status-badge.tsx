"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

export type TaskStatus = "pending" | "running" | "completed" | "failed" | "cancelled";

export function StatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge">
      {t(`status.${status}`)}
    </span>
  );
}
