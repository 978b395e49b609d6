"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useHasRole } from "@/components/auth/actor-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { Section } from "@/components/ui/section";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ACK_NOTE_MAX } from "@/shared/parameter-limits";
import { FindingList, findingLabel } from "./labels";

/**
 * The findings of the camera's newest result, split into open and acknowledged ("已确认": who, when,
 * note). Operators and admins acknowledge the open ones here, with an optional note.
 */
export function FindingAcknowledgements({ cameraId }: { cameraId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canAcknowledge = useHasRole("operator");
  const hydrated = useHydrated();
  const [note, setNote] = useState("");
  const latestQuery = useQuery(trpc.cameras.results.queryOptions({ cameraId, page: 1, pageSize: 1 }));
  const acksQuery = useQuery(trpc.cameras.acknowledgements.queryOptions({ id: cameraId }));
  const acknowledge = useMutation(
    trpc.cameras.acknowledge.mutationOptions({
      onSuccess: async () => {
        setNote("");
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.cameras.acknowledgements.queryKey({ id: cameraId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.cameras.audit.queryKey({ id: cameraId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.cameras.overview.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.dashboard.summary.pathKey() }),
        ]);
      },
    }),
  );
  if (latestQuery.isPending || acksQuery.isPending) return <Loading />;
  if (latestQuery.isError) return <ErrorState message={latestQuery.error.message} onRetry={() => void latestQuery.refetch()} />;
  if (acksQuery.isError) return <ErrorState message={acksQuery.error.message} onRetry={() => void acksQuery.refetch()} />;
  const latest = latestQuery.data.items[0];
  const findings = latest?.findings ?? [];
  const acks = acksQuery.data;
  const open = findings.filter((code) => !acks[code]);
  const taken = findings.filter((code) => acks[code]);
  return (
    <Section title={t("ack.title")} testId="finding-acknowledgements">
      {findings.length === 0 ? (
        <p className="muted">{t("ack.none")}</p>
      ) : (
        <>
          <p className="muted adm-small">{t("ack.explain")}</p>
          <div data-testid="findings-open">
            <h3>
              {t("ack.open")} ({open.length})
            </h3>
            {open.length > 0 && <FindingList findings={open} severities={latest!.severities} />}
            {open.length > 0 && canAcknowledge && (
              <form
                className="adm-ack-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  acknowledge.mutate({ cameraId, codes: open as never, note: note || undefined });
                }}
              >
                <label>
                  {t("ack.note")}
                  <input value={note} maxLength={ACK_NOTE_MAX} onChange={(e) => setNote(e.target.value)} />
                </label>
                <Button type="submit" variant="primary" busy={acknowledge.isPending} disabled={!hydrated}>
                  {t("ack.submit")}
                </Button>
                {acknowledge.isError && (
                  <p className="form-error" role="alert">
                    {acknowledge.error.message}
                  </p>
                )}
              </form>
            )}
          </div>
          <div data-testid="findings-acknowledged">
            <h3>
              {t("ack.acknowledged")} ({taken.length})
            </h3>
            <ul className="adm-ack-list">
              {taken.map((code) => (
                <li key={code}>
                  <Badge tone="muted">{findingLabel(t, code)}</Badge>{" "}
                  <span className="muted adm-small">
                    {t("ack.by", { who: acks[code].actorLabel })}
                    <LocalTime value={acks[code].acknowledgedAt} />
                  </span>
                  {acks[code].note && <q className="adm-ack-note">{acks[code].note}</q>}
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </Section>
  );
}
