"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorFacts } from "@/components/trpc/error-details";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { Translate } from "@/components/i18n/messages";
import { CopyButton } from "@/components/ui/copy-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ROLES, type Role } from "@/shared/actor";

type Errors = Partial<Record<"username" | "email" | "password", string>>;
const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;
const MIN_PASSWORD = 8;

function validate(t: Translate, v: { username: string; email: string; password: string; generate: boolean }): Errors {
  const errors: Errors = {};
  if (!USERNAME.test(v.username.trim())) errors.username = t("users.error.username");
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) errors.email = t("users.error.email");
  if (!v.generate && v.password.length < MIN_PASSWORD) errors.password = t("users.error.password", { n: MIN_PASSWORD });
  return errors;
}

/** New account: a password the admin sets, or one the server generates and shows here once. */
export function CreateUserForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const [values, setValues] = useState({ username: "", email: "", role: "viewer" as Role, generate: true, password: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<{ username: string; password: string | null } | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async ({ user, generatedPassword }) => {
        setCreated({ username: user.username, password: generatedPassword });
        setValues({ username: "", email: "", role: "viewer", generate: true, password: "" });
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
      onError: (err) => {
        const { code, details } = errorFacts(err);
        if (code === "CONFLICT")
          setErrors(details.field === "email" ? { email: t("users.error.emailTaken") } : { username: t("users.error.taken") });
      },
    }),
  );
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(t, values);
    setErrors(found);
    setCreated(null);
    if (Object.keys(found).length) return;
    create.mutate({
      username: values.username.trim(),
      role: values.role,
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      ...(values.generate ? {} : { password: values.password }),
    });
  };
  const refused = create.isError && !Object.keys(errors).length ? create.error.message : null;

  return (
    <section className="card adm-panel" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">{t("users.create")}</h2>
      {created && (
        <Banner tone="ok" title={t("users.created", { name: created.username })} testId="user-created">
          {created.password && (
            <>
              <p>{t("users.generatedOnce")}</p>
              <p className="adm-secret">
                <code data-testid="generated-password">{created.password}</code>
                <CopyButton text={created.password} label={t("users.copyPassword")} />
              </p>
            </>
          )}
        </Banner>
      )}
      <form onSubmit={submit} noValidate data-testid="create-user-form">
        <fieldset className="adm-bare form-grid" disabled={!hydrated}>
          <Field label={t("users.username")} error={errors.username} hint={t("users.usernameHint")}>
            {(p) => <input {...p} value={values.username} autoComplete="off" onChange={(e) => set({ username: e.target.value })} />}
          </Field>
          <Field label={t("users.email")} error={errors.email}>
            {(p) => <input {...p} type="email" value={values.email} autoComplete="off" onChange={(e) => set({ email: e.target.value })} />}
          </Field>
          <Field label={t("users.role")}>
            {(p) => (
              <select {...p} value={values.role} onChange={(e) => set({ role: e.target.value as Role })}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`role.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="adm-fieldset span-2">
            <legend>{t("users.password")}</legend>
            <label className="adm-check">
              <input type="radio" name="password-mode" checked={values.generate} onChange={() => set({ generate: true })} />
              {t("users.passwordGenerate")}
            </label>
            <label className="adm-check">
              <input type="radio" name="password-mode" checked={!values.generate} onChange={() => set({ generate: false })} />
              {t("users.passwordSet")}
            </label>
            {!values.generate && (
              <Field label={t("users.passwordInput")} error={errors.password}>
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    autoComplete="new-password"
                    value={values.password}
                    onChange={(e) => set({ password: e.target.value })}
                  />
                )}
              </Field>
            )}
          </fieldset>
          {refused && (
            <p className="form-error span-2" role="alert">
              {t("ui.actionFailed", { message: refused })}
            </p>
          )}
          <div className="span-2">
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t("users.createSubmit")}
            </Button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
