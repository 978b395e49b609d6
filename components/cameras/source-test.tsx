"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Button } from "@/components/ui/button";

const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** "Grab a frame now": asks the camera for one frame and says what came back. */
export function SourceTest({ cameraId }: { cameraId: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const test = useMutation(trpc.cameras.test.mutationOptions());
  const hydrated = useHydrated();
  const result = test.data;
  return (
    <section className="card adm-panel" aria-labelledby="source-test-heading" data-testid="source-test">
      <h2 id="source-test-heading">{t("camera.test.title")}</h2>
      <p className="muted adm-small">{t("camera.test.explain")}</p>
      <Button variant="primary" onClick={() => test.mutate({ id: cameraId })} busy={test.isPending} disabled={!hydrated}>
        {t("camera.test.run")}
      </Button>
      <div className="adm-test-result" aria-live="polite">
        {test.isError && (
          <p className="form-error" role="alert">
            {test.error.message}
          </p>
        )}
        {result?.ok && (
          <div data-testid="source-test-ok">
            <p className="adm-ok-text">
              {t("camera.test.ok", { width: result.width ?? 0, height: result.height ?? 0, size: formatBytes(result.bytes ?? 0) })}
              {result.sourceFrame ? ` (${result.sourceFrame})` : ""}
            </p>
            {result.preview && (
              // A data: URL made by the server from the frame it just grabbed.
              <img
                className="adm-thumb"
                src={result.preview}
                alt={t("camera.test.previewAlt")}
                width={320}
                height={Math.round((320 * (result.height ?? 9)) / (result.width ?? 16))}
              />
            )}
          </div>
        )}
        {result && !result.ok && (
          <div data-testid="source-test-failed" role="alert">
            <p className="error-text">
              <strong>{t("camera.test.failed")}</strong>
              {result.code ? ` ${t(`grab.${result.code}`, result.params ?? {})}` : ""}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
