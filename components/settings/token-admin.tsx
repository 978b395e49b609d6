"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable } from "@/components/ui/paged-query-table";
import type { TokenView } from "@/server/auth/api-tokens";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CreateTokenForm } from "./create-token-form";

function tokenState(token: TokenView, now: number): "revoked" | "expired" | "active" {
  if (token.revokedAt) return "revoked";
  return token.expiresAt && token.expiresAt.getTime() <= now ? "expired" : "active";
}

/** API tokens: create (shown once), list, revoke after a confirmation. */
export function TokenAdmin({ currentUsername }: { currentUsername: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );
  const now = tokens.dataUpdatedAt || 0;

  return (
    <div className="stack">
      <CreateTokenForm currentUsername={currentUsername} />
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t("tokens.title")}</h2>
        <PagedQueryTable
          query={tokens}
          items={(data) => data}
          testId="token-table"
          empty={{ title: t("tokens.empty"), hint: t("tokens.emptyHint") }}
          head={
            <>
              <th scope="col">{t("tokens.name")}</th>
              <th scope="col">{t("tokens.prefix")}</th>
              <th scope="col">{t("tokens.owner")}</th>
              <th scope="col">{t("tokens.createdAt")}</th>
              <th scope="col">{t("tokens.lastUsed")}</th>
              <th scope="col">{t("tokens.expires")}</th>
              <th scope="col">{t("tokens.state")}</th>
              <th scope="col" aria-label={t("tokens.actions")} />
            </>
          }
          row={(token) => {
            const state = tokenState(token, now);
            return (
              <tr key={token.id} data-testid={`token-row-${token.id}`}>
                <td>{token.name}</td>
                <td className="mono">{token.prefix}…</td>
                <td>{token.username}</td>
                <td>
                  <LocalTime value={token.createdAt} />
                </td>
                <td>
                  {token.lastUsedAt ? <LocalTime value={token.lastUsedAt} /> : <span className="muted">{t("tokens.neverUsed")}</span>}
                </td>
                <td>{token.expiresAt ? <LocalTime value={token.expiresAt} /> : <span className="muted">{t("tokens.never")}</span>}</td>
                <td>
                  <Badge tone={state === "active" ? "ok" : state === "revoked" ? "danger" : "muted"} testId="token-state">
                    {t(`tokens.state.${state}`)}
                    {state === "revoked" && token.revokedAt && (
                      <>
                        {" "}
                        · <LocalTime value={token.revokedAt} />
                      </>
                    )}
                  </Badge>
                </td>
                <td>
                  {state !== "revoked" && (
                    <Button
                      small
                      variant="danger"
                      disabled={!hydrated}
                      onClick={() => {
                        revoke.reset();
                        setRevoking(token);
                      }}
                      aria-label={t("tokens.revokeNamed", { name: token.name })}
                    >
                      {t("tokens.revoke")}
                    </Button>
                  )}
                </td>
              </tr>
            );
          }}
        />
      </section>
      <ConfirmDialog
        open={revoking !== null}
        title={t("tokens.revokeTitle", { name: revoking?.name ?? "" })}
        confirmLabel={t("tokens.revokeConfirm")}
        busy={revoke.isPending}
        error={revoke.error ? t("ui.actionFailed", { message: revoke.error.message }) : null}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        testId="revoke-token-dialog"
      >
        <p>{t("tokens.revokeBody", { prefix: revoking?.prefix ?? "", owner: revoking?.username ?? "" })}</p>
      </ConfirmDialog>
    </div>
  );
}
