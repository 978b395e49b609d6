"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useHasRole } from "@/components/auth/actor-provider";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { Section } from "@/components/ui/section";
import { useHydrated } from "@/components/ui/use-hydrated";

/** The camera's taught normal ("基准画面"): its thumbnail, who set it and when; operators set or clear it. */
export function CameraReference({ cameraId }: { cameraId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = useHasRole("operator");
  const hydrated = useHydrated();
  const query = useQuery(trpc.cameras.reference.queryOptions({ id: cameraId }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.cameras.reference.queryKey({ id: cameraId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.cameras.audit.queryKey({ id: cameraId }) }),
    ]);
  const set = useMutation(trpc.cameras.setReference.mutationOptions({ onSuccess: refresh }));
  const clear = useMutation(trpc.cameras.clearReference.mutationOptions({ onSuccess: refresh }));
  const ref = query.data;
  const error = set.error ?? clear.error;
  return (
    <Section
      title={t("reference.title")}
      testId="camera-reference"
      actions={
        canEdit && (
          <>
            <Button variant="primary" busy={set.isPending} disabled={!hydrated} onClick={() => set.mutate({ id: cameraId })}>
              {t("reference.set")}
            </Button>
            {ref && (
              <Button busy={clear.isPending} disabled={!hydrated} onClick={() => clear.mutate({ id: cameraId })}>
                {t("reference.clear")}
              </Button>
            )}
          </>
        )
      }
    >
      <p className="muted adm-small">{t("reference.explain")}</p>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
      ) : !ref ? (
        <p className="muted" data-testid="reference-none">
          {t("reference.none")}
        </p>
      ) : (
        <div className="adm-latest-body" data-testid="reference-set">
          {ref.hasThumbnail && (
            // The reference changes when someone sets it again: the time in the URL makes a new one load.
            <img
              className="adm-thumb"
              src={`/api/cameras/${cameraId}/reference/thumbnail?v=${new Date(ref.setAt).getTime()}`}
              alt={t("reference.alt")}
              width={240}
            />
          )}
          <p className="muted adm-small">
            {t("reference.by", { who: ref.setBy })}
            <LocalTime value={ref.setAt} />
          </p>
        </div>
      )}
    </Section>
  );
}
