"use client";

import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { StatusBadge, type TaskStatus } from "@/components/tasks/status-badge";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable, pageOf } from "@/components/ui/paged-query-table";
import { Section } from "@/components/ui/section";
import { MODE_LABELS } from "@/components/recovery-audit/audit-params";
import { auditActorText } from "@/components/recovery-audit/actor-text";
import { recoveriesInput } from "@/components/tasks/task-detail-queries";
import type { AuditView } from "@/server/recovery/audit/list-audits";
import { auditReasonText, stoppedWhereText } from "@/components/recovery-actions/stuck-reason";

/** This task's rows of the recovery audit (recovery_audits where task_id), newest first. */
export function TaskRecoveryHistory({ taskId }: { taskId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...trpc.audit.list.queryOptions(recoveriesInput(taskId, page)), placeholderData: keepPreviousData });
  const where = (a: AuditView) =>
    stoppedWhereText(t, {
      phase: a.stoppedPhase,
      cameraName: a.stoppedCameraName,
      index: a.stoppedIndex,
      total: a.stoppedTotal,
      waitedMinutes: a.stoppedWaitedMinutes,
    });
  return (
    <Section
      title={t("taskDetail.recoveries")}
      testId="task-recoveries"
      actions={<Link href={`/recoveries?task=${taskId}`}>{t("taskDetail.allRecoveries")}</Link>}
    >
      <PagedQueryTable
        query={query}
        items={(data) => data.items}
        empty={{ title: t("taskDetail.noRecoveries") }}
        pager={(data) => ({ ...pageOf(data), onPage: setPage })}
        head={
          <>
            <th scope="col">{t("recoveries.col.time")}</th>
            <th scope="col">{t("recoveries.col.mode")}</th>
            <th scope="col">{t("recoveries.col.actor")}</th>
            <th scope="col">{t("recoveries.col.reason")}</th>
            <th scope="col">{t("run.attempt")}</th>
            <th scope="col">{t("recoveries.col.result")}</th>
          </>
        }
        row={(audit) => (
          <tr key={audit.id}>
            <td className="cell-nowrap">
              <LocalTime value={audit.recoveredAt} />
            </td>
            <td>
              <Badge tone={audit.mode === "auto" ? "info" : audit.mode === "force" ? "warning" : "neutral"}>
                {audit.mode in MODE_LABELS ? t(MODE_LABELS[audit.mode as keyof typeof MODE_LABELS]) : audit.mode}
              </Badge>
            </td>
            <td>{auditActorText(t, audit)}</td>
            <td>
              {auditReasonText(t, audit)}
              {where(audit) && (
                <span className="cell-sub" data-testid="stopped-where">
                  {where(audit)}
                </span>
              )}
            </td>
            <td className="cell-num">#{audit.priorAttempt}</td>
            <td>
              <StatusBadge status={audit.newStatus as TaskStatus} />
            </td>
          </tr>
        )}
      />
    </Section>
  );
}
