"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { CheckTable } from "./check-table";
import { FindingList, VerdictBadge } from "./labels";
import { ResultThumbnail } from "./result-thumbnail";
import { GrabErrorText } from "@/components/cameras/grab-error-text";

/** The camera's newest result: its frame, verdict, findings and every check's metric values. */
export function LatestFrame({ cameraId, cameraName }: { cameraId: number; cameraName: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const query = useQuery(trpc.cameras.results.queryOptions({ cameraId, page: 1, pageSize: 1 }));
  return (
    <section className="card adm-panel" aria-labelledby="latest-heading" data-testid="latest-result">
      <h2 id="latest-heading">{t("camera.latest")}</h2>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : !query.data.items[0] ? (
        <p className="muted">{t("camera.noResultsYet")}</p>
      ) : (
        (() => {
          const latest = query.data.items[0];
          return (
            <div className="adm-latest-body">
              <ResultThumbnail result={latest} width={320} alt={t("camera.frameAlt", { name: cameraName })} />
              <div className="adm-latest-facts">
                <p className="adm-latest-line">
                  <VerdictBadge verdict={latest.verdict} />
                  {latest.verdict === "abnormal" && <FindingList findings={latest.findings} severities={latest.severities} />}
                </p>
                <p className="muted adm-small">
                  <LocalTime value={latest.createdAt} /> · <Link href={`/tasks/${latest.taskId}`}>{latest.taskName}</Link>
                  {latest.frameWidth && latest.frameHeight ? ` · ${latest.frameWidth}×${latest.frameHeight}` : ""}
                </p>
                {latest.verdict === "error" && (
                  <p>
                    <GrabErrorText result={latest} />
                  </p>
                )}
              </div>
              <CheckTable checks={latest.checks} />
            </div>
          );
        })()
      )}
    </section>
  );
}
