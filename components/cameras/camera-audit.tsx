"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { Section } from "@/components/ui/section";
import { findingLabel } from "./labels";

/** Who acknowledged the camera's findings or changed its reference, and when, newest first. */
export function CameraAudit({ cameraId }: { cameraId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const query = useQuery(trpc.cameras.audit.queryOptions({ id: cameraId }));
  return (
    <Section title={t("audit.title")} testId="camera-audit">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <p className="muted">{t("audit.none")}</p>
      ) : (
        <ul className="adm-audit-list">
          {query.data.map((entry) => (
            <li key={entry.id}>
              <LocalTime value={entry.at} /> · {entry.actorLabel} · {t(`audit.${entry.action}`)}
              {entry.codes.length > 0 && `: ${entry.codes.map((code) => findingLabel(t, code)).join(", ")}`}
              {entry.note && <q className="adm-ack-note">{entry.note}</q>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
