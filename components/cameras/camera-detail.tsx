"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { DeleteCameraButton } from "./delete-camera-button";
import { LatestFrame } from "./latest-frame";
import { ResultHistory } from "./result-history";
import { SourceTest } from "./source-test";
import { ActiveBadge } from "./labels";
import { CameraAudit } from "./camera-audit";
import { CameraReference } from "./camera-reference";
import { FindingAcknowledgements } from "./finding-acknowledgements";

export function CameraDetail({ id, canEdit }: { id: number; canEdit: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const cameraQuery = useQuery(trpc.cameras.byId.queryOptions({ id }));
  const tasksQuery = useQuery(trpc.cameras.tasks.queryOptions({ id }));
  if (cameraQuery.isPending) return <Loading minHeight={400} />;
  if (cameraQuery.isError) return <ErrorState message={cameraQuery.error.message} onRetry={() => void cameraQuery.refetch()} />;
  const camera = cameraQuery.data;
  const tasks = tasksQuery.data ?? [];
  const none = <span className="muted">{t("common.none")}</span>;
  const rows: Array<[string, ReactNode]> = [
    [t("cameras.col.location"), camera.location || none],
    [t("cameras.col.sourceType"), t(`source.${camera.sourceType}`)],
    [
      t("cameras.col.source"),
      <span key="s" className="mono adm-break">
        {camera.sourceUri}
      </span>,
    ],
    [t("camera.credentials"), camera.hasCredentials ? t("camera.credentialsSet") : t("camera.credentialsNone")],
    ...(camera.sourceType === "rtsp"
      ? [[t("camera.rtspTransport"), t(`rtspTransport.${camera.rtspTransport}`)] as [string, ReactNode]]
      : []),
    [t("camera.grabTimeout"), t("camera.ms", { n: camera.grabTimeoutMs })],
    [t("cameras.col.active"), camera.isActive ? t("cameras.active") : t("cameras.inactive")],
    [t("camera.created"), <LocalTime key="c" value={camera.createdAt} />],
    [t("camera.updated"), <LocalTime key="u" value={camera.updatedAt} />],
    [
      t("cameras.col.tasks"),
      tasks.length === 0 ? (
        <span key="t" className="muted">
          {t("cameras.noTasks")}
        </span>
      ) : (
        <span key="t" className="adm-links">
          {tasks.map((task) => (
            <Link key={task.id} href={`/tasks/${task.id}`}>
              {task.name}
            </Link>
          ))}
        </span>
      ),
    ],
  ];
  return (
    <article data-testid="camera-detail">
      <Link className="back-link" href="/cameras">
        ← {t("camera.back")}
      </Link>
      <PageHeader
        id="camera-heading"
        title={camera.name}
        subtitle={<ActiveBadge active={camera.isActive} />}
        actions={
          canEdit && (
            <>
              <ButtonLink href={`/cameras/${camera.id}/edit`}>{t("camera.edit")}</ButtonLink>
              <DeleteCameraButton camera={camera} tasks={tasks} />
            </>
          )
        }
      />
      <dl className="props card adm-props" data-testid="camera-props">
        {rows.map(([label, value]) => (
          <div key={label} className="prop">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className={canEdit ? "adm-two-col" : undefined}>
        <LatestFrame cameraId={camera.id} cameraName={camera.name} />
        {canEdit && <SourceTest cameraId={camera.id} />}
      </div>
      <FindingAcknowledgements cameraId={camera.id} />
      <CameraReference cameraId={camera.id} />
      <ResultHistory cameraId={camera.id} />
      <CameraAudit cameraId={camera.id} />
    </article>
  );
}
