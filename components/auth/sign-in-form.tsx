"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { Translate } from "@/components/i18n/messages";
import { rateLimitedMinutes, SIGN_IN_UNAVAILABLE } from "@/shared/sign-in-errors";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      callbackUrl,
    });
    if (result?.ok && !result.error) {
      // A full navigation so that the server renders the page with the new session cookie.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(errorMessage(result?.error, t));
  }

  return (
    // method="post": were it ever submitted before React took over, the password must not end up
    // in the URL (and the button stays disabled until then anyway).
    <form className="card signin-card" method="post" onSubmit={onSubmit} noValidate>
      <h1>{t("signin.title")}</h1>
      <label className="field">
        <span>{t("signin.username")}</span>
        <input name="username" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>{t("signin.password")}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={pending || !hydrated}>
        {pending ? t("signin.submitting") : t("signin.submit")}
      </button>
    </form>
  );
}

/** next-auth's error code as a sentence; a wrong name or password never says which of the two. */
function errorMessage(error: string | null | undefined, t: Translate): string {
  const minutes = rateLimitedMinutes(error);
  if (minutes !== null) return t("signin.rateLimited", { minutes });
  if (error === SIGN_IN_UNAVAILABLE) return t("signin.unavailable");
  return error && error !== "CredentialsSignin" ? t("signin.error", { message: error }) : t("signin.failed");
}
