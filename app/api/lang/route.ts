import { isLang, LANG_COOKIE } from "@/components/i18n/messages";
import { requestSource } from "@/server/http/same-origin";
import { sameSitePath } from "@/shared/same-site-path";

/**
 * GET /api/lang?lang=en&return=/tasks — sets the language cookie and goes back to the page. A plain
 * link, so the switch works before the page has hydrated (and without JavaScript). Public on
 * purpose: the sign-in page has the switch too, and a language preference reveals nothing. A link
 * on another site does not change the setting (the browser says where the request comes from).
 */
export function GET(req: Request) {
  const url = new URL(req.url);
  const lang = url.searchParams.get("lang");
  const back = sameSitePath(url.searchParams.get("return"), "/");
  const headers = new Headers({ location: back, "cache-control": "no-store" });
  if (isLang(lang) && requestSource(req) !== "cross-origin") {
    headers.append("set-cookie", `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`);
  }
  return new Response(null, { status: 303, headers });
}
