"use client";

import { signOut } from "next-auth/react";
import { useI18n } from "@/components/i18n/i18n-provider";

export function SignOutButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="btn btn-ghost" onClick={() => void signOut({ callbackUrl: "/signin" })}>
      {t("nav.signOut")}
    </button>
  );
}
