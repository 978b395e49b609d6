import { getTranslator } from "@/components/i18n/server";
import { pageTitle } from "@/components/ui/page-title";
import { SettingsShell } from "@/components/settings/settings-shell";
import { UserAdmin } from "@/components/settings/user-admin";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { requireRole } from "@/server/auth/require-role";
import "../../styles/admin.css";

export const generateMetadata = () => pageTitle("settings.users");

export default async function UsersSettingsPage() {
  const [t, admin] = await Promise.all([getTranslator(), requireRole("admin")]);
  await getQueryClient().prefetchQuery(trpc.users.list.queryOptions());
  return (
    <SettingsShell t={t} active="/settings/users">
      <HydrateClient>
        <UserAdmin currentUsername={admin.username} />
      </HydrateClient>
    </SettingsShell>
  );
}
