import Link from "next/link";
import type { Translate } from "@/components/i18n/messages";

/** What a signed-in user sees on a page their role may not open (the procedures refuse them too). */
export function Forbidden({ t, needs }: { t: Translate; needs: "admin" | "operator" }) {
  return (
    <div className="card narrow adm-forbidden" data-testid="forbidden">
      <p className="adm-forbidden-code" aria-hidden="true">
        403
      </p>
      <h1>{t("admin.forbidden.title")}</h1>
      <p>{t("admin.forbidden.body", { role: t(`role.${needs}`) })}</p>
      <p>
        <Link href="/">{t("admin.forbidden.back")}</Link>
      </p>
    </div>
  );
}
