"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const EXPIRY_DAYS = ["", "7", "30", "90", "365"] as const;

/** New API token. The answer carries the token itself: it is shown here once, with a copy button. */
export function CreateTokenForm({ currentUsername }: { currentUsername: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const users = useQuery(trpc.users.list.queryOptions());
  const [values, setValues] = useState({ name: "", username: currentUsername, expires: "90" as (typeof EXPIRY_DAYS)[number] });
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: async ({ token, info }) => {
        setCreated({ token, name: info.name });
        setValues((v) => ({ ...v, name: "" }));
        await queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const name = values.name.trim();
    const problem = !name ? t("tokens.error.name") : name.length > 100 ? t("tokens.error.nameLong") : null;
    setNameError(problem);
    if (problem) return;
    create.mutate({ name, username: values.username, ...(values.expires ? { expiresInDays: Number(values.expires) } : {}) });
  };

  return (
    <section className="card adm-panel" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">{t("tokens.create")}</h2>
      {created && (
        <Banner tone="warning" title={t("tokens.createdTitle", { name: created.name })} testId="token-created">
          <p>{t("tokens.shownOnce")}</p>
          <p className="adm-secret">
            <code data-testid="new-token">{created.token}</code>
            <CopyButton text={created.token} label={t("tokens.copy")} />
          </p>
        </Banner>
      )}
      <form onSubmit={submit} noValidate data-testid="create-token-form">
        <fieldset className="adm-bare form-grid" disabled={!hydrated}>
          <Field label={t("tokens.name")} hint={t("tokens.nameHint")} error={nameError}>
            {(p) => (
              <input
                {...p}
                value={values.name}
                maxLength={100}
                autoComplete="off"
                onChange={(e) => setValues({ ...values, name: e.target.value })}
              />
            )}
          </Field>
          <Field label={t("tokens.owner")} hint={t("tokens.ownerHint")}>
            {(p) => (
              <select {...p} value={values.username} onChange={(e) => setValues({ ...values, username: e.target.value })}>
                {(users.data ?? [{ username: currentUsername, role: "admin" as const }]).map((user) => (
                  <option key={user.username} value={user.username}>
                    {user.username} ({t(`role.${user.role}`)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("tokens.expiry")}>
            {(p) => (
              <select
                {...p}
                value={values.expires}
                onChange={(e) => setValues({ ...values, expires: e.target.value as (typeof EXPIRY_DAYS)[number] })}
              >
                {EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {days ? t("tokens.expiresInDays", { n: days }) : t("tokens.never")}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {create.isError && (
            <p className="form-error span-2" role="alert">
              {t("ui.actionFailed", { message: create.error.message })}
            </p>
          )}
          <div className="span-2">
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t("tokens.createSubmit")}
            </Button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
