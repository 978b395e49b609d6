"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { Lang } from "@/components/i18n/messages";
import { sentenceIn } from "@/shared/bilingual";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

/**
 * Every error sentence the API sends is bilingual ("中文 (english)."); the console shows the reader's
 * half wherever it shows an error. (Code that needs to know which error it was reads `data.code` and
 * `data.details`, never the sentence.) A language change reloads the page, so `lang` is fixed here.
 */
function errorsInLanguage(lang: Lang): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          error: (err) => {
            err.message = sentenceIn(err.message, lang);
            observer.error(err);
          },
          complete: () => observer.complete(),
        }),
      );
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const { lang } = useI18n();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [errorsInLanguage(lang), httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
