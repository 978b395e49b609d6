import { getTranslator } from "@/components/i18n/server";
import { pageTitle } from "@/components/ui/page-title";
import { SettingsShell } from "@/components/settings/settings-shell";
import { TokenAdmin } from "@/components/settings/token-admin";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { requireRole } from "@/server/auth/require-role";
import "../../styles/admin.css";

export const generateMetadata = () => pageTitle("settings.tokens");

export default async function TokensSettingsPage() {
  const [t, admin] = await Promise.all([getTranslator(), requireRole("admin")]);
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.tokens.list.queryOptions()),
    getQueryClient().prefetchQuery(trpc.users.list.queryOptions()),
  ]);
  return (
    <SettingsShell t={t} active="/settings/tokens">
      <HydrateClient>
        <TokenAdmin currentUsername={admin.username} />
      </HydrateClient>
    </SettingsShell>
  );
}
