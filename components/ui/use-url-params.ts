"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * A page's view state kept in its URL, so that a view can be shared. `update` sets or (with null or
 * "") removes parameters and replaces the history entry; any change other than the page itself goes
 * back to page 1. `pageHref` links to another page of a URL-paged list, keeping every other parameter.
 */
export function useUrlParams() {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const hrefWith = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(name);
        else next.set(name, value);
      }
      if (!("page" in changes)) next.delete("page");
      if (next.get("page") === "1") next.delete("page");
      const query = next.toString();
      return query ? `${pathname}?${query}` : pathname;
    },
    [params, pathname],
  );
  const update = useCallback(
    (changes: Record<string, string | null>) => router.replace(hrefWith(changes), { scroll: false }),
    [router, hrefWith],
  );
  const pageHref = useCallback((page: number) => hrefWith({ page: String(page) }), [hrefWith]);
  return { params, hrefWith, update, pageHref };
}
