"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-states";
import { Section } from "@/components/ui/section";
import { CheckTable } from "@/components/cameras/check-table";
import { FindingList, VerdictBadge } from "@/components/cameras/labels";
import { GrabErrorText } from "@/components/cameras/grab-error-text";

/** The newest result of each of the task's cameras: the frame, the verdict, the findings and the metric values. */
export function TaskLatestResults({ taskId }: { taskId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const query = useQuery(trpc.tasks.latestResults.queryOptions({ id: taskId }));
  return (
    <Section title={t("taskDetail.latestResults")} testId="latest-results">
      {query.isPending ? (
        <Loading minHeight={200} />
      ) : query.isError ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState title={t("taskDetail.noCameras")} />
      ) : (
        <div className="result-grid">
          {query.data.map(({ camera, result }) => (
            <article key={camera.id} className="result-card" data-testid={`camera-result-${camera.id}`}>
              <div className="result-thumb">
                {result?.hasThumbnail ? (
                  // A plain <img>: the route needs the session cookie, so no image optimizer sits in between.
                  <img src={`/api/results/${result.id}/thumbnail`} alt={t("taskDetail.frameAlt", { name: camera.name })} loading="lazy" />
                ) : (
                  <span>{result ? t("taskDetail.noImage") : t("taskDetail.noResultYet")}</span>
                )}
              </div>
              <div className="result-body">
                <div className="result-head">
                  <strong>{camera.name}</strong>
                  {result && <VerdictBadge verdict={result.verdict} />}
                </div>
                {camera.location && <span className="muted">{camera.location}</span>}
                {result && (
                  <>
                    <span className="muted">
                      <LocalTime value={result.createdAt} />
                    </span>
                    <FindingList findings={result.findings} severities={result.severities} />
                    <GrabErrorText result={result} />
                    {result.checks.length > 0 && (
                      <details>
                        <summary>{t("taskDetail.metrics")}</summary>
                        <CheckTable checks={result.checks} />
                      </details>
                    )}
                  </>
                )}
              </div>
            </article>
          ))}
        </div>
      )}
    </Section>
  );
}
