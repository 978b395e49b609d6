"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";

/** Copies `text` to the clipboard and says so; where the clipboard is unavailable it says that instead. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() =>
          // Promise first: on a plain-http address navigator.clipboard is undefined and would throw here.
          Promise.resolve()
            .then(() => navigator.clipboard.writeText(text))
            .then(() => setState("copied"))
            .catch(() => setState("failed"))
        }
      >
        {label}
      </button>
      <span className="adm-copy-state" role="status" aria-live="polite">
        {state === "copied" ? t("admin.copied") : state === "failed" ? t("admin.copyFailed") : ""}
      </span>
    </>
  );
}
