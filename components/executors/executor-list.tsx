"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { ageText } from "@/components/ui/age-text";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable } from "@/components/ui/paged-query-table";
import type { InstanceLiveness } from "@/server/executor/liveness";
import { showFromParams } from "./executor-params";
import { executorName } from "@/shared/executor-name";

const EXECUTORS_REFRESH_MS = 10_000;
const STATUS_TONE: Record<InstanceLiveness, BadgeTone> = { alive: "ok", dead: "danger", stopped: "muted" };

/** Executor instances with their heartbeat age (by the database's clock) and the tasks each runs; refreshes every 10 s. */
export function ExecutorList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const show = showFromParams(useSearchParams());
  const query = useQuery({
    ...trpc.executors.list.queryOptions({ show }),
    refetchInterval: EXECUTORS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  const toggle =
    show === "all" ? (
      <ButtonLink href="/executors" small>
        {t("executors.showLive")}
      </ButtonLink>
    ) : (
      <ButtonLink href="/executors?show=all" small>
        {t("executors.showAll")}
      </ButtonLink>
    );

  return (
    <section aria-labelledby="executors-heading">
      <PagedQueryTable
        query={query}
        items={(data) => data.items}
        minHeight={240}
        testId="executor-table"
        empty={{ title: t("executors.empty"), hint: t("executors.emptyHint") }}
        above={({ items, checkedAt }) => {
          const count = (status: InstanceLiveness) => items.filter((i) => i.status === status).length;
          const running = items.reduce((n, i) => n + i.taskCount, 0);
          return (
            <>
              <div className="adm-toolbar">
                <span className="muted adm-small">
                  {t("executors.checkedAt")} <LocalTime value={checkedAt} /> ·{" "}
                  {t("executors.refreshEvery", { n: EXECUTORS_REFRESH_MS / 1000 })}
                </span>
                {toggle}
              </div>
              <div className="stat-grid adm-stats" data-testid="executor-summary">
                <div className="stat">
                  <span className="stat-label">{t("executors.alive")}</span>
                  <span className="stat-value">{count("alive")}</span>
                </div>
                <div className={`stat${count("dead") ? " stat-warning" : ""}`}>
                  <span className="stat-label">{t("executors.dead")}</span>
                  <span className="stat-value">{count("dead")}</span>
                </div>
                <div className="stat">
                  <span className="stat-label">{t("executors.runningTasks")}</span>
                  <span className="stat-value">{running}</span>
                </div>
              </div>
            </>
          );
        }}
        head={
          <>
            <th scope="col">{t("executors.col.executor")}</th>
            <th scope="col">{t("executors.col.kind")}</th>
            <th scope="col">{t("executors.col.started")}</th>
            <th scope="col">{t("executors.col.heartbeat")}</th>
            <th scope="col">{t("executors.col.status")}</th>
            <th scope="col">{t("executors.col.tasks")}</th>
          </>
        }
        row={(instance) => (
          <tr key={instance.id} data-testid={`executor-row-${instance.id}`} title={instance.id}>
            <td>
              {/* host:pid, the name the task list, the audit and the logs use for it */}
              <span className="mono">{executorName(instance)}</span>
              {instance.isThisProcess && <span className="adm-tag">{t("executors.thisServer")}</span>}
            </td>
            <td>{instance.kind === "server" || instance.kind === "worker" ? t(`executors.kind.${instance.kind}`) : instance.kind}</td>
            <td>
              <LocalTime value={instance.startedAt} />
            </td>
            <td>
              {ageText(t, instance.heartbeatAgeSeconds)}
              <span className="muted adm-small adm-block">{t("executors.interval", { n: instance.heartbeatIntervalMs / 1000 })}</span>
            </td>
            <td>
              <Badge tone={STATUS_TONE[instance.status]} testId="executor-status">
                {t(`executors.status.${instance.status}`)}
              </Badge>
            </td>
            <td>
              {instance.taskCount === 0 ? (
                <span className="muted">{t("executors.idle")}</span>
              ) : (
                <ul className="adm-task-list">
                  {instance.tasks.map((task) => (
                    <li key={task.id}>
                      <Link href={`/tasks/${task.id}`}>{task.name}</Link>
                      <span className="muted adm-small"> · {t("executors.attempt", { n: task.attempt })}</span>
                    </li>
                  ))}
                  {instance.taskCount > instance.tasks.length && (
                    <li>
                      <Link href={`/tasks?executor=${instance.id}`} data-testid="executor-all-tasks">
                        {t("executors.allTasks", { n: instance.taskCount })}
                      </Link>
                    </li>
                  )}
                </ul>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
