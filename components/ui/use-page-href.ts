"use client";

import { usePathname, useSearchParams } from "next/navigation";

/** Links to another page of a URL-paged list: sets `?page=` and keeps every other parameter. */
export function usePageHref(): (page: number) => string {
  const params = useSearchParams();
  const pathname = usePathname();
  return (page) => {
    const next = new URLSearchParams(params.toString());
    if (page === 1) next.delete("page");
    else next.set("page", String(page));
    const query = next.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
}
