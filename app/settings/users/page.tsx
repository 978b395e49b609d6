import { getTranslator } from "@/components/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { pageTitle } from "@/components/ui/page-title";
import { SettingsShell } from "@/components/settings/settings-shell";
import { UserAdmin } from "@/components/settings/user-admin";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { currentAdmin } from "../admin-only";
import "../../styles/admin.css";

export const generateMetadata = () => pageTitle("settings.users");

export default async function UsersSettingsPage() {
  const [t, admin] = await Promise.all([getTranslator(), currentAdmin()]);
  if (!admin) return <Forbidden t={t} needs="admin" />;
  await getQueryClient().prefetchQuery(trpc.users.list.queryOptions());
  return (
    <SettingsShell t={t} active="/settings/users">
      <HydrateClient>
        <UserAdmin currentUsername={admin.username} />
      </HydrateClient>
    </SettingsShell>
  );
}
