"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { CameraTaskRef } from "@/server/cameras/camera-overview";

/**
 * Deletes the camera after a confirmation. A camera that tasks use cannot be deleted: the dialog says
 * so up front (naming the tasks), and the service's own refusal is shown if a task took it up meanwhile.
 */
export function DeleteCameraButton({ camera, tasks }: { camera: { id: number; name: string }; tasks: CameraTaskRef[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.cameras.delete.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        router.push("/cameras");
        await queryClient.invalidateQueries({ queryKey: trpc.cameras.pathKey() });
      },
      onError: () => void queryClient.invalidateQueries({ queryKey: trpc.cameras.tasks.queryKey({ id: camera.id }) }),
    }),
  );
  return (
    <>
      <Button
        variant="danger"
        disabled={!hydrated}
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
      >
        {t("camera.delete")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("camera.deleteTitle", { name: camera.name })}
        confirmLabel={t("camera.deleteConfirm")}
        busy={remove.isPending}
        error={remove.error ? t("camera.deleteRefused", { message: remove.error.message }) : null}
        onCancel={() => setOpen(false)}
        onConfirm={() => remove.mutate({ id: camera.id })}
        testId="delete-camera-dialog"
      >
        {tasks.length > 0 ? (
          <p data-testid="delete-in-use">
            {t("camera.deleteInUse", { n: tasks.length, tasks: tasks.map((task) => task.name).join("、") })}
          </p>
        ) : (
          <p>{t("camera.deleteBody")}</p>
        )}
      </ConfirmDialog>
    </>
  );
}
