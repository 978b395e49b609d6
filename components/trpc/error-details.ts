import { TRPCClientError } from "@trpc/client";

/** A refused call's code and details (server/trpc/init.ts): what the console branches on, never the sentence. */
export function errorFacts(err: unknown): { code?: string; details: Record<string, unknown> } {
  const data = err instanceof TRPCClientError ? (err.data as { code?: string; details?: Record<string, unknown> } | undefined) : undefined;
  return { code: data?.code, details: data?.details ?? {} };
}
