"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable, pageOf } from "@/components/ui/paged-query-table";
import { useUrlParams } from "@/components/ui/use-url-params";
import { pageFromParams, RESULT_PAGE_SIZE } from "./camera-list-params";
import { FindingList, VerdictBadge } from "./labels";
import { ResultThumbnail } from "./result-thumbnail";
import { GrabErrorText } from "@/components/cameras/grab-error-text";

/** The camera's results, newest first, a page at a time (`?page=` in the URL). */
export function ResultHistory({ cameraId }: { cameraId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { params, pageHref } = useUrlParams();
  const page = pageFromParams(params);
  const query = useQuery({
    ...trpc.cameras.results.queryOptions({ cameraId, page, pageSize: RESULT_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="history-heading" data-testid="result-history">
      <h2 id="history-heading">{t("camera.history")}</h2>
      <PagedQueryTable
        query={query}
        items={(data) => data.items}
        empty={{ title: t("camera.noResultsYet") }}
        pager={(data) => ({ ...pageOf(data), hrefFor: pageHref, summary: t("camera.historyTotal", { total: data.total }) })}
        head={
          <>
            <th scope="col">{t("camera.col.time")}</th>
            <th scope="col">{t("camera.col.frame")}</th>
            <th scope="col">{t("camera.col.task")}</th>
            <th scope="col">{t("camera.col.verdict")}</th>
            <th scope="col">{t("camera.col.findings")}</th>
          </>
        }
        row={(result) => (
          <tr key={result.id}>
            <td>
              <LocalTime value={result.createdAt} />
            </td>
            <td>
              <ResultThumbnail result={result} width={96} alt={t("camera.historyFrameAlt")} />
            </td>
            <td>
              <Link href={`/tasks/${result.taskId}`}>{result.taskName}</Link>
            </td>
            <td>
              <VerdictBadge verdict={result.verdict} />
            </td>
            <td>
              {result.verdict === "error" ? (
                <span className="adm-small">
                  <GrabErrorText result={result} />
                </span>
              ) : (
                <FindingList findings={result.findings} severities={result.severities} />
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
