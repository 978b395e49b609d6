import type { Metadata } from "next";
import type { ReactNode } from "react";
import { currentActor } from "@/server/auth/current-actor";
import { getLang } from "@/components/i18n/server";
import { translator } from "@/components/i18n/messages";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { TRPCReactProvider } from "@/components/trpc/react";
import { HydrationMarker } from "@/components/layout/hydration-marker";
import { ActorProvider } from "@/components/auth/actor-provider";
import { AnnouncerProvider } from "@/components/ui/announcer";
import { AppHeader } from "@/components/layout/app-header";
import "./globals.css";

export const metadata: Metadata = { title: "EasySight", description: "Video-quality diagnosis and task recovery" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [lang, actor] = await Promise.all([getLang(), currentActor()]);
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <body>
        <HydrationMarker />
        <I18nProvider lang={lang}>
          <ActorProvider actor={actor}>
            <TRPCReactProvider>
              <AnnouncerProvider>
                <AppHeader actor={actor} t={translator(lang)} />
                <main className="page">{children}</main>
              </AnnouncerProvider>
            </TRPCReactProvider>
          </ActorProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
