"use client";

import { useEffect } from "react";

/**
 * Marks <html data-hydrated> once React has taken over the page. Controls that act through
 * JavaScript do nothing before that; end-to-end tests wait for the mark before they click.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
