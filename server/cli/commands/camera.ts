import "server-only";
import type { Command } from "commander";
import { grabErrorSentence } from "@/shared/grab-error-codes";
import { badRequest } from "@/server/errors";
import { rtspTransportSchema, sourceTypeSchema } from "@/server/cameras/camera-input";
import type { CameraView } from "@/server/cameras/camera-view";
import { createCamera } from "@/server/cameras/create-camera";
import { deleteCamera } from "@/server/cameras/delete-camera";
import { listCameras } from "@/server/cameras/list-cameras";
import { testCameraSource } from "@/server/cameras/test-camera-source";
import { updateCamera } from "@/server/cameras/update-camera";
import { idTextSchema } from "@/server/params/id";
import { readParam } from "@/server/params/read-param";
import { acknowledgeFindings } from "@/server/findings/acknowledge-findings";
import { cliAuditActor } from "@/server/findings/audit-actor";
import { clearCameraReference, setCameraReference } from "@/server/findings/camera-reference";
import { actingUser } from "../acting-user";
import { action, parsePositiveInt, printJson, printTable } from "../run-command";

const TYPES = "image_file | image_folder | video_file | http_snapshot | rtsp";

interface SourceOptions {
  type?: string;
  source?: string;
  location?: string;
  username?: string;
  password?: string;
  timeoutMs?: string;
  rtspTransport?: string;
}

/** Options shared by add and update, converted to service input (commander gives strings). */
const sourceInput = (opts: SourceOptions) => ({
  sourceType: opts.type === undefined ? undefined : sourceTypeSchema.parse(opts.type),
  sourceUri: opts.source,
  location: opts.location,
  sourceUsername: opts.username,
  sourcePassword: opts.password,
  grabTimeoutMs: opts.timeoutMs === undefined ? undefined : parsePositiveInt(opts.timeoutMs, "--timeout-ms"),
  rtspTransport: opts.rtspTransport === undefined ? undefined : rtspTransportSchema.parse(opts.rtspTransport),
});

const describe = (c: CameraView) =>
  `camera "${c.name}" (id ${c.id}): ${c.sourceType} ${c.sourceUri}${c.sourceType === "rtsp" ? ` over ${c.rtspTransport}` : ""}` +
  (c.hasCredentials ? " (with credentials)" : "");

const withSourceOptions = (command: Command) =>
  command
    .option("-l, --location <text>", 'where the camera is ("" clears it)')
    .option("-u, --username <name>", "HTTP basic-auth or RTSP username")
    .option("-p, --password <password>", "its password (or give user:pass@ in the URL)")
    .option("--timeout-ms <ms>", "grab timeout, 500-120000 ms")
    .option("--rtsp-transport <transport>", "rtsp only: auto (TCP, UDP when the server refuses TCP; the default), tcp or udp");

export function registerCameraCommands(program: Command) {
  const camera = program.command("camera").description("manage cameras (never prints their passwords)");

  camera
    .command("list")
    .description("list cameras with the number of tasks using each")
    .option("-n, --name <part>", "only cameras whose name contains this")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { name?: string; json?: boolean }) => {
        const cameras: CameraView[] = [];
        for (let page = 1; ; page++) {
          const result = await listCameras({ q: opts.name, page, pageSize: 200 });
          cameras.push(...result.items);
          if (cameras.length >= result.total || result.items.length === 0) break;
        }
        if (opts.json) printJson(cameras);
        else
          printTable(
            cameras.map((c) => ({
              id: c.id,
              name: c.name,
              location: c.location,
              type: c.sourceType,
              source: c.sourceUri,
              credentials: c.hasCredentials,
              timeoutMs: c.grabTimeoutMs,
              transport: c.sourceType === "rtsp" ? c.rtspTransport : null,
              active: c.isActive,
              tasks: c.taskCount,
            })),
          );
      }),
    );

  withSourceOptions(
    camera
      .command("add <name>")
      .description("add a camera")
      .requiredOption("-t, --type <type>", TYPES)
      .requiredOption("-s, --source <uri>", "file or folder path (relative to the project folder) or URL"),
  ).action(
    action(async (name: string, opts: SourceOptions & { type: string; source: string }) => {
      const { sourceType, sourceUri, ...rest } = sourceInput(opts);
      const created = await createCamera({ name, sourceType: sourceType!, sourceUri: sourceUri!, ...rest });
      process.stdout.write(`created ${describe(created)}\n`);
    }),
  );

  withSourceOptions(
    camera
      .command("update <id>")
      .description("change a camera; options left out stay as they are")
      .option("--name <name>", "new name")
      .option("-t, --type <type>", TYPES)
      .option("-s, --source <uri>", "file or folder path or URL")
      .option("--clear-credentials", "remove the stored username and password")
      .option("--disable", "stop diagnosing this camera")
      .option("--enable", "diagnose this camera again"),
  ).action(
    action(async (id: string, opts: SourceOptions & { name?: string; clearCredentials?: boolean; disable?: boolean; enable?: boolean }) => {
      if (opts.disable && opts.enable) throw badRequest("--enable 和 --disable 不能同时给出 (give --enable or --disable, not both).");
      if (opts.clearCredentials && (opts.username !== undefined || opts.password !== undefined)) {
        throw badRequest(
          "--clear-credentials 和 --username/--password 不能同时给出 (give --clear-credentials or --username/--password, not both).",
        );
      }
      const input = sourceInput(opts);
      const updated = await updateCamera({
        id: readParam(idTextSchema, id, "camera id"),
        name: opts.name,
        ...input,
        ...(opts.clearCredentials ? { sourceUsername: null, sourcePassword: null } : {}),
        isActive: opts.disable ? false : opts.enable ? true : undefined,
      });
      process.stdout.write(`updated ${describe(updated)}\n`);
    }),
  );

  camera
    .command("remove <id>")
    .description("delete a camera that no task uses (its results go with it)")
    .action(
      action(async (id: string) => {
        const removed = await deleteCamera(readParam(idTextSchema, id, "camera id"));
        process.stdout.write(`removed camera "${removed.name}" (id ${removed.id})\n`);
      }),
    );

  camera
    .command("test <id>")
    .description("grab one frame now and print its size")
    .option("--json", "print JSON")
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        const result = await testCameraSource(readParam(idTextSchema, id, "camera id"));
        if (opts.json) printJson(result);
        else if (result.ok)
          process.stdout.write(
            `ok: ${result.width}x${result.height}, ${result.bytes} bytes${result.sourceFrame ? ` (${result.sourceFrame})` : ""}\n`,
          );
        else if (result.code) process.stderr.write(`no frame (${result.code}): ${grabErrorSentence(result.code, result.params)}\n`);
        return result.ok ? 0 : 1;
      }),
    );

  camera
    .command("acknowledge <id>")
    .description('"已确认": acknowledge the open findings of the camera\'s newest result (until the camera is normal again)')
    .option("-c, --code <code...>", "only these finding codes (default: every open one)")
    .option("--note <text>", "why, or what is being done about it")
    .option("--as <username>", "record this user instead of the first active admin")
    .action(
      action(async (id: string, opts: { code?: string[]; note?: string; as?: string }) => {
        const user = await actingUser(opts.as);
        const acks = await acknowledgeFindings(
          { cameraId: readParam(idTextSchema, id, "camera id"), codes: opts.code as never, note: opts.note },
          cliAuditActor(user),
        );
        process.stdout.write(`acknowledged on camera ${id}: ${Object.keys(acks).join(", ")} (by ${user.username})\n`);
      }),
    );

  camera
    .command("set-reference <id>")
    .description(
      '"设为基准画面": the camera\'s newest analysed frame becomes its normal (colour, exposure, contrast, blur, scene are judged against it too)',
    )
    .option("--as <username>", "record this user instead of the first active admin")
    .action(
      action(async (id: string, opts: { as?: string }) => {
        const user = await actingUser(opts.as);
        const ref = await setCameraReference(readParam(idTextSchema, id, "camera id"), cliAuditActor(user));
        process.stdout.write(`reference of camera ${id} set from result ${ref.resultId} (by ${user.username})\n`);
      }),
    );

  camera
    .command("clear-reference <id>")
    .description("forget the camera's reference: every check judges it absolutely again")
    .option("--as <username>", "record this user instead of the first active admin")
    .action(
      action(async (id: string, opts: { as?: string }) => {
        const user = await actingUser(opts.as);
        await clearCameraReference(readParam(idTextSchema, id, "camera id"), cliAuditActor(user));
        process.stdout.write(`reference of camera ${id} cleared (by ${user.username})\n`);
      }),
    );
}
