import Link from "next/link";
import type { ReactNode } from "react";
import type { Translate } from "@/components/i18n/messages";
import { PageHeader } from "@/components/ui/page-header";

const TABS = [
  { href: "/settings/users", key: "settings.users" },
  { href: "/settings/tokens", key: "settings.tokens" },
] as const;

/** The settings pages' title and tabs (admins only: the pages check before rendering this). */
export function SettingsShell({ t, active, children }: { t: Translate; active: (typeof TABS)[number]["href"]; children: ReactNode }) {
  return (
    <>
      <PageHeader id="settings-heading" title={t("settings.title")} subtitle={t("settings.subtitle")} />
      <nav className="adm-tabs" aria-label={t("settings.sections")}>
        {TABS.map((tab) => (
          <Link key={tab.href} href={tab.href} className="adm-tab" aria-current={tab.href === active ? "page" : undefined}>
            {t(tab.key)}
          </Link>
        ))}
      </nav>
      {children}
    </>
  );
}
