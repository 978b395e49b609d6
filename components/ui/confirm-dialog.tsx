"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button, type ButtonVariant } from "./button";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The confirm button's look: danger (default) for destructive actions. */
  tone?: ButtonVariant;
  /** The confirmed action is running: both buttons wait. */
  busy?: boolean;
  /** The question is not ready to be answered yet (e.g. its numbers are being re-checked). */
  confirmDisabled?: boolean;
  /** The refusal or failure of the confirmed action, shown inside the dialog. */
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}

/**
 * A modal question before a destructive action. The native <dialog> (showModal) keeps focus inside and
 * closes on Escape; Cancel has the initial focus, so a stray Enter never confirms. Focus goes back to
 * whatever had it before (the button that opened the dialog).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = "danger",
  busy,
  confirmDisabled,
  error,
  onConfirm,
  onCancel,
  testId,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <Button ref={cancelRef} onClick={onCancel} disabled={busy} autoFocus>
          {t("ui.cancel")}
        </Button>
        <Button variant={tone} onClick={onConfirm} busy={busy} disabled={confirmDisabled}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
