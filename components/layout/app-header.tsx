import Link from "next/link";
import type { Actor } from "@/server/auth/actor";
import type { Translate } from "@/components/i18n/messages";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ actor, t }: { actor: Actor | null; t: Translate }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">{t("app.name")}</Link>
      {actor && (
        <nav aria-label="main" className="main-nav">
          <Link href="/">{t("nav.dashboard")}</Link>
          <Link href="/tasks">{t("nav.tasks")}</Link>
        </nav>
      )}
      <div className="header-right">
        <LanguageSwitch />
        {actor && (
          <>
            <span className="user-chip" data-testid="current-user">
              {actor.username} · <span className="role">{t(`role.${actor.role}`)}</span>
            </span>
            <SignOutButton />
          </>
        )}
      </div>
    </header>
  );
}
