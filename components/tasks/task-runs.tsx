"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useRunNote } from "./use-run-note";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatDuration } from "@/components/ui/duration";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable, pageOf } from "@/components/ui/paged-query-table";
import { Section } from "@/components/ui/section";
import { runsInput } from "./task-detail-queries";
import { LIVE_INTERVAL_MS } from "./live-refresh";
import { executorName } from "@/shared/executor-name";

const OUTCOMES: Record<string, { tone: BadgeTone; key: MessageKey }> = {
  running: { tone: "info", key: "run.outcome.running" },
  completed: { tone: "ok", key: "run.outcome.completed" },
  partial: { tone: "warning", key: "run.outcome.partial" },
  failed: { tone: "danger", key: "run.outcome.failed" },
  released: { tone: "muted", key: "run.outcome.released" },
  reset: { tone: "warning", key: "run.outcome.reset" },
};

/** Every attempt of the task, newest first: who ran it, when, how long, and how it ended. */
export function TaskRuns({ taskId, live }: { taskId: number; live: boolean }) {
  const { t } = useI18n();
  const note = useRunNote();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  // Follows the task's own cycle: a run that ends while the page is open shows up within seconds.
  const query = useQuery({
    ...trpc.tasks.runs.queryOptions(runsInput(taskId, page)),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
  return (
    <Section title={t("taskDetail.runs")} testId="task-runs">
      <PagedQueryTable
        query={query}
        items={(data) => data.items}
        empty={{ title: t("taskDetail.noRuns") }}
        pager={(data) => ({ ...pageOf(data), onPage: setPage })}
        head={
          <>
            <th scope="col">{t("run.attempt")}</th>
            <th scope="col">{t("run.executor")}</th>
            <th scope="col">{t("run.started")}</th>
            <th scope="col">{t("run.finished")}</th>
            <th scope="col">{t("run.duration")}</th>
            <th scope="col">{t("run.outcome")}</th>
            <th scope="col">{t("run.error")}</th>
          </>
        }
        row={(run) => {
          const outcome = OUTCOMES[run.outcome];
          return (
            <tr key={run.id}>
              <td className="cell-num">#{run.attempt}</td>
              <td className="mono cell-nowrap">{run.executor ? executorName(run.executor) : t("common.none")}</td>
              <td className="cell-nowrap">
                <LocalTime value={run.startedAt} />
              </td>
              <td className="cell-nowrap">
                <LocalTime value={run.finishedAt} />
              </td>
              <td className="cell-nowrap">{formatDuration(t, run.durationSeconds)}</td>
              <td>{outcome ? <Badge tone={outcome.tone}>{t(outcome.key)}</Badge> : run.outcome}</td>
              <td>
                {run.error ? (
                  <span className="error-text">{note(run.note, run.error)}</span>
                ) : (
                  <span className="muted">{t("common.none")}</span>
                )}
              </td>
            </tr>
          );
        }}
      />
    </Section>
  );
}
