"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The main navigation; the link of the current section carries aria-current="page". */
export function NavLinks({ label, links }: { label: string; links: Array<{ href: string; text: string }> }) {
  const pathname = usePathname();
  const current = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label={label} className="main-nav">
      {links.map(({ href, text }) => (
        <Link key={href} href={href} aria-current={current(href) ? "page" : undefined}>
          {text}
        </Link>
      ))}
    </nav>
  );
}
