"use client";

import { useEffect, useState } from "react";
import { translator, type Lang } from "@/components/i18n/messages";
import { Button } from "@/components/ui/button";

/**
 * What a page shows when it could not load. Production builds hide a server error's text from the
 * browser, so this asks /api/health, which answers 503 exactly when the server cannot reach the
 * database: then the page says so (a restart of the database is usually over in seconds), else it
 * shows the generic sentence. `retry` renders the page again.
 */
export function PageError({ lang, retry }: { lang: Lang; retry: () => void }) {
  const t = translator(lang);
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    fetch("/api/health", { cache: "no-store" })
      .then((res) => setDatabaseDown(res.status === 503))
      .catch(() => setDatabaseDown(false));
  }, []);
  return (
    <div className="card narrow" role="alert" data-testid={databaseDown ? "page-error-database" : "page-error"}>
      <h1>{t(databaseDown ? "pageError.databaseTitle" : "pageError.title")}</h1>
      <p>{t(databaseDown ? "pageError.database" : "pageError.generic")}</p>
      <Button variant="primary" onClick={retry}>
        {t("pageError.retry")}
      </Button>
    </div>
  );
}
