#!/usr/bin/env node
// The `easysight` command. It runs the TypeScript sources through tsx from the project folder, so it
// finds the same DATA_DIR, embedded database and migrations as the server started there.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.LOG_STREAM ??= "stderr";
const { register } = await import("tsx/esm/api");
register({ tsconfig: path.join(root, "tsconfig.json") });
try {
  await import("../server/cli/main.ts");
} catch (err) {
  // A bad setting (server/config/env.ts) stops the command before it starts: its sentence, no stack trace.
  if (err?.name !== "ConfigError") throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
