import { Suspense } from "react";
import Link from "next/link";
import { hasRole, type Actor } from "@/shared/actor";
import type { Translate } from "@/components/i18n/messages";
import { LanguageSwitch } from "./language-switch";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ actor, t }: { actor: Actor | null; t: Translate }) {
  const links = [
    { href: "/", text: t("nav.dashboard") },
    { href: "/tasks", text: t("nav.tasks") },
    { href: "/cameras", text: t("nav.cameras") },
    { href: "/recoveries", text: t("nav.recoveries") },
    { href: "/executors", text: t("nav.executors") },
    ...(actor && hasRole(actor, "admin") ? [{ href: "/settings", text: t("nav.settings") }] : []),
  ];
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        {t("app.name")}
      </Link>
      {actor && <NavLinks label={t("nav.main")} links={links} />}
      <div className="header-right">
        {/* It reads the URL's query: a static page renders it on the client. */}
        <Suspense fallback={null}>
          <LanguageSwitch />
        </Suspense>
        {actor && (
          <>
            <span className="user-chip" data-testid="current-user" title={t("nav.signedInAs")}>
              <span className="user-name">{actor.username}</span>
              <span className="role-chip">{t(`role.${actor.role}`)}</span>
            </span>
            <SignOutButton />
          </>
        )}
      </div>
    </header>
  );
}
