"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { errorFacts } from "@/components/trpc/error-details";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { LocalTime } from "@/components/ui/local-time";
import { PagedQueryTable } from "@/components/ui/paged-query-table";
import { ROLES, type Role } from "@/shared/actor";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CreateUserForm } from "./create-user-form";

/** Users and their roles. A refused change (the last admin) is shown as the sentence the server gave. */
export function UserAdmin({ currentUsername }: { currentUsername: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const users = useQuery(trpc.users.list.queryOptions());
  const [refusal, setRefusal] = useState<{ username: string; message: string; lastAdmin: boolean } | null>(null);
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onMutate: () => setRefusal(null),
      onError: (err, input) =>
        setRefusal({ username: input.username, message: err.message, lastAdmin: errorFacts(err).details.reason === "last_admin" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    }),
  );

  return (
    <div className="stack">
      <CreateUserForm />
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t("users.title")}</h2>
        {refusal && (
          <Banner tone="danger" title={t("users.roleRefused", { name: refusal.username })} testId="role-refused">
            {refusal.lastAdmin ? t("users.lastAdmin", { name: refusal.username }) : refusal.message}
          </Banner>
        )}
        <PagedQueryTable
          query={users}
          items={(data) => data}
          testId="user-table"
          empty={{ title: t("users.empty") }}
          head={
            <>
              <th scope="col">{t("users.username")}</th>
              <th scope="col">{t("users.col.email")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.state")}</th>
              <th scope="col">{t("users.createdAt")}</th>
              <th scope="col">{t("users.lastLogin")}</th>
            </>
          }
          row={(user) => (
            <tr key={user.id} data-testid={`user-row-${user.username}`}>
              <td>
                {user.username}
                {user.username === currentUsername && <span className="adm-tag">{t("users.you")}</span>}
              </td>
              <td>{user.email ?? <span className="muted">{t("common.none")}</span>}</td>
              <td>
                <select
                  aria-label={t("users.roleOf", { name: user.username })}
                  value={user.role}
                  disabled={!hydrated || (setRole.isPending && setRole.variables?.username === user.username)}
                  onChange={(e) => setRole.mutate({ username: user.username, role: e.target.value as Role })}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <Badge tone={user.isActive ? "ok" : "muted"}>{user.isActive ? t("users.active") : t("users.disabled")}</Badge>
              </td>
              <td>
                <LocalTime value={user.createdAt} />
              </td>
              <td>
                <LocalTime value={user.lastLoginAt} />
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  );
}
