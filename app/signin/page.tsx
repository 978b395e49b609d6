import { redirect } from "next/navigation";
import { currentActor } from "@/server/auth/current-actor";
import { safeCallbackUrl } from "@/shared/same-site-path";
import { SignInForm } from "@/components/auth/sign-in-form";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  return (
    <div className="signin-page">
      <SignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
