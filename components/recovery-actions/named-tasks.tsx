"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

/** The first few tasks a bulk action touches, by name, and how many more: what a confirmation names. */
export function NamedTasks({ tasks, total }: { tasks: { id: number; name: string }[]; total: number }) {
  const { t } = useI18n();
  if (tasks.length === 0) return null;
  return (
    <ul className="named-tasks" data-testid="named-tasks">
      {tasks.map((task) => (
        <li key={task.id}>
          {task.name} <span className="muted">#{task.id}</span>
        </li>
      ))}
      {total > tasks.length && <li className="muted">{t("recovery.named.more", { n: total - tasks.length })}</li>}
    </ul>
  );
}
