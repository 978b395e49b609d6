import { isLang, LANG_COOKIE } from "@/components/i18n/messages";
import { sameSitePath } from "@/components/auth/safe-callback";

/**
 * GET /api/lang?lang=en&return=/tasks — sets the language cookie and goes back to the page. A plain
 * link, so the switch works before the page has hydrated (and without JavaScript). Public on
 * purpose: the sign-in page has the switch too, and a language preference reveals nothing.
 */
export function GET(req: Request) {
  const url = new URL(req.url);
  const lang = url.searchParams.get("lang");
  const back = sameSitePath(url.searchParams.get("return"), "/");
  const headers = new Headers({ location: back, "cache-control": "no-store" });
  if (isLang(lang)) headers.append("set-cookie", `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`);
  return new Response(null, { status: 303, headers });
}
