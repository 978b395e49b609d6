"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React handles events. Controls that
 * act through JavaScript stay disabled until then: typing into a form React has not taken over yet
 * would be wiped by hydration, and a click would do nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
