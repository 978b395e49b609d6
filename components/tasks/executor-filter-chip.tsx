"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/i18n-provider";

/**
 * Says why the list is narrowed when it came from the executors page (?executor=<id>): "执行器
 * host:pid ✕", the ✕ a link to the same list without that filter. Before the answer names the
 * executor (or when no such executor exists) it shows the start of the id the URL carries.
 */
export function ExecutorFilterChip({
  executorId,
  name,
  clearHref,
}: {
  executorId: string;
  name: string | null | undefined;
  clearHref: string;
}) {
  const { t } = useI18n();
  const executor = name ?? `${executorId.slice(0, 8)}…`;
  return (
    <span className="filter-chip" data-testid="executor-filter">
      {t("tasks.filter.executor", { executor })}
      <Link href={clearHref} aria-label={t("tasks.filter.executorClear", { executor })} scroll={false}>
        <span aria-hidden="true">✕</span>
      </Link>
    </span>
  );
}
