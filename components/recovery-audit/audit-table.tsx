"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { Translate } from "@/components/i18n/messages";
import { useUrlParams } from "@/components/ui/use-url-params";
import { StatusBadge, type TaskStatus } from "@/components/tasks/status-badge";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable, pageOf } from "@/components/ui/paged-query-table";
import type { AuditView } from "@/server/recovery/audit/list-audits";
import { ACTOR_LABELS, MODE_LABELS, auditListInput, auditUrlFilters, exportHref } from "./audit-params";
import { AuditFilters } from "./audit-filters";
import { auditActorText } from "./actor-text";
import { auditReasonText, stoppedWhereText } from "@/components/recovery-actions/stuck-reason";

/** The reason, and where the run stopped, in the reader's language from the row's codes and numbers. */
function ReasonCell({ t, audit }: { t: Translate; audit: AuditView }) {
  const where = stoppedWhereText(t, {
    phase: audit.stoppedPhase,
    cameraName: audit.stoppedCameraName,
    index: audit.stoppedIndex,
    total: audit.stoppedTotal,
    waitedMinutes: audit.stoppedWaitedMinutes,
  });
  return (
    <td title={audit.reasonCode}>
      {auditReasonText(t, audit)}
      {where && (
        <span className="cell-sub" title={where} data-testid="stopped-where">
          {where}
        </span>
      )}
    </td>
  );
}

const label = <K extends string>(t: Translate, labels: Record<K, Parameters<Translate>[0]>, key: string) =>
  key in labels ? t(labels[key as K]) : key;

export function AuditTable() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { params, pageHref } = useUrlParams();
  const filters = auditUrlFilters(params);
  const query = useQuery({ ...trpc.audit.list.queryOptions(auditListInput(params)), placeholderData: keepPreviousData });
  const filtered = Object.values(filters).some(Boolean);

  return (
    <section aria-labelledby="recoveries-heading">
      <AuditFilters filters={filters} />
      <PagedQueryTable
        query={query}
        items={(data) => data.items}
        minHeight={240}
        testId="audit-table"
        empty={{ title: filtered ? t("recoveries.emptyFiltered") : t("recoveries.empty"), hint: !filtered && t("recoveries.emptyHint") }}
        above={(data) =>
          data.items.length > 0 && (
            <div className="adm-table-tools">
              <span className="muted">{t("recoveries.exportHint")}</span>
              {/* A plain link: next/link would prefetch it, i.e. run the export whenever the page shows. */}
              <a className="btn btn-sm" href={exportHref(filters)} download data-testid="export-csv">
                {t("recoveries.exportCsv")}
              </a>
            </div>
          )
        }
        pager={(data) => ({ ...pageOf(data), hrefFor: pageHref, summary: t("recoveries.total", { total: data.total }) })}
        head={
          <>
            <th scope="col">{t("recoveries.col.time")}</th>
            <th scope="col">{t("recoveries.col.task")}</th>
            <th scope="col">{t("recoveries.col.mode")}</th>
            <th scope="col">{t("recoveries.col.actor")}</th>
            <th scope="col">{t("recoveries.col.reason")}</th>
            <th scope="col">{t("recoveries.col.prior")}</th>
            <th scope="col">{t("recoveries.col.result")}</th>
          </>
        }
        row={(audit) => (
          <tr key={audit.id} data-testid={`audit-row-${audit.id}`}>
            <td>
              <LocalTime value={audit.recoveredAt} />
            </td>
            <td className="adm-name-cell">
              <Link href={`/tasks/${audit.taskId}`}>{audit.taskName}</Link>
              <span className="muted adm-small adm-block">#{audit.taskId}</span>
            </td>
            <td>
              <Badge tone={audit.mode === "auto" ? "info" : audit.mode === "force" ? "warning" : "neutral"}>
                {label(t, MODE_LABELS, audit.mode)}
              </Badge>
            </td>
            <td className="adm-name-cell" data-testid="audit-actor">
              {audit.actorType === "watchdog" ? (
                auditActorText(t, audit)
              ) : (
                <>
                  {label(t, ACTOR_LABELS, audit.actorType)}
                  <span className="muted adm-small adm-block adm-break">{audit.actorLabel}</span>
                </>
              )}
            </td>
            <ReasonCell t={t} audit={audit} />
            <td>
              <dl className="adm-prior">
                <div>
                  <dt>{t("recoveries.prior.status")}</dt>
                  <dd>
                    <StatusBadge status={audit.priorStatus as TaskStatus} />
                  </dd>
                </div>
                <div>
                  <dt>{t("recoveries.prior.owner")}</dt>
                  <dd className="mono" title={audit.priorOwnerInstanceId ?? undefined} data-testid="audit-prior-owner">
                    {audit.priorOwnerInstanceId ? (audit.priorOwner ?? t("recoveries.prior.unknownOwner")) : t("recoveries.prior.noOwner")}
                  </dd>
                </div>
                <div>
                  <dt>{t("recoveries.prior.attempt")}</dt>
                  <dd>{audit.priorAttempt}</dd>
                </div>
                <div>
                  <dt>{t("recoveries.prior.started")}</dt>
                  <dd>
                    <LocalTime value={audit.priorStartedAt} />
                  </dd>
                </div>
                <div>
                  <dt>{t("recoveries.prior.heartbeat")}</dt>
                  <dd>
                    <LocalTime value={audit.priorHeartbeatAt} />
                  </dd>
                </div>
              </dl>
            </td>
            <td>
              <StatusBadge status={audit.newStatus as TaskStatus} />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
