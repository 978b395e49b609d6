import "server-only";
import path from "node:path";
import { dataDir } from "@/server/config/env";

/** The embedded PostgreSQL's files in DATA_DIR. */
export const pgDir = () => path.join(dataDir, "postgres");
export const serverLog = () => path.join(pgDir(), "server.log");
/** Written last by the first initialisation, so its presence marks a finished one. */
export const passwordFile = () => path.join(dataDir, "postgres-password");
/** Held while one process starts or stops the server (see control-lock.ts). */
export const controlLockFile = () => path.join(dataDir, "postgres-control.lock");
