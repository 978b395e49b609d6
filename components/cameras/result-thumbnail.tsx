"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

/**
 * A result's frame through the authenticated thumbnail route. The box keeps the frame's aspect ratio
 * before the image arrives, so nothing moves when it does.
 */
export function ResultThumbnail({
  result,
  width,
  alt,
}: {
  result: { id: string; hasThumbnail: boolean; frameWidth?: number | null; frameHeight?: number | null };
  width: number;
  alt: string;
}) {
  const { t } = useI18n();
  const ratio = result.frameWidth && result.frameHeight ? result.frameWidth / result.frameHeight : 16 / 9;
  const height = Math.round(width / ratio);
  if (!result.hasThumbnail) {
    return (
      <div className="adm-thumb adm-thumb-missing" style={{ width, height }}>
        {t("camera.noImage")}
      </div>
    );
  }
  // A plain <img>: the image is private (session cookie), so no image optimizer or shared cache sits in between.
  return (
    <img
      className="adm-thumb"
      src={`/api/results/${result.id}/thumbnail`}
      alt={alt}
      width={width}
      height={height}
      style={{ width, height }}
      loading="lazy"
    />
  );
}
