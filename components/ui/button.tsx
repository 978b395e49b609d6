import Link from "next/link";
import type { AnchorHTMLAttributes, ComponentPropsWithRef, ReactNode } from "react";
import { Spinner } from "./spinner";

export type ButtonVariant = "default" | "primary" | "danger" | "warning" | "ghost";

const classes = (variant: ButtonVariant, small: boolean | undefined, extra: string | undefined) =>
  ["btn", variant !== "default" && `btn-${variant}`, small && "btn-sm", extra].filter(Boolean).join(" ");

type ButtonProps = ComponentPropsWithRef<"button"> & {
  variant?: ButtonVariant;
  small?: boolean;
  /** Shows a spinner and disables the button while its action runs; the label stays, so the width does not jump. */
  busy?: boolean;
};

export function Button({ variant = "default", small, busy, className, disabled, children, type = "button", ...rest }: ButtonProps) {
  return (
    <button type={type} className={classes(variant, small, className)} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy && <Spinner />}
      {children}
    </button>
  );
}

type ButtonLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  variant?: ButtonVariant;
  small?: boolean;
  children: ReactNode;
};

/** A link that looks like a button (navigation, not an action). */
export function ButtonLink({ href, variant = "default", small, className, children, ...rest }: ButtonLinkProps) {
  return (
    <Link href={href} className={classes(variant, small, className)} {...rest}>
      {children}
    </Link>
  );
}
