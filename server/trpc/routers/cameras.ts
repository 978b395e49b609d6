import "server-only";
import { createTRPCRouter, operatorProcedure, protectedProcedure } from "@/server/trpc/init";
import { idInput } from "@/server/params/id";
import { createCameraInput, updateCameraInput } from "@/server/cameras/camera-input";
import { listCameraOverview, tasksUsingCameras } from "@/server/cameras/camera-overview";
import { createCamera } from "@/server/cameras/create-camera";
import { deleteCamera } from "@/server/cameras/delete-camera";
import { getCamera } from "@/server/cameras/get-camera";
import { listCameras, listCamerasInput } from "@/server/cameras/list-cameras";
import { testCameraSource } from "@/server/cameras/test-camera-source";
import { updateCamera } from "@/server/cameras/update-camera";
import { cameraResultsInput, listCameraResults } from "@/server/results/camera-results";
import { acknowledgeFindings, acknowledgeInput } from "@/server/findings/acknowledge-findings";
import { auditActorFrom } from "@/server/findings/audit-actor";
import { listCameraAudit } from "@/server/findings/camera-audit";
import { clearCameraReference, getCameraReference, setCameraReference } from "@/server/findings/camera-reference";
import { cameraAcknowledgements } from "@/server/findings/open-acknowledgements";

export const camerasRouter = createTRPCRouter({
  list: protectedProcedure.input(listCamerasInput).query(({ input }) => listCameras(input)),
  /** The list with each camera's tasks and newest result (the console's camera page). */
  overview: protectedProcedure.input(listCamerasInput).query(({ input }) => listCameraOverview(input)),
  byId: protectedProcedure.input(idInput).query(({ input }) => getCamera(input.id)),
  tasks: protectedProcedure.input(idInput).query(async ({ input }) => (await tasksUsingCameras([input.id])).get(input.id) ?? []),
  /** The camera's results, newest first, with findings and metric values. */
  results: protectedProcedure.input(cameraResultsInput).query(({ input }) => listCameraResults(input)),
  create: operatorProcedure.input(createCameraInput).mutation(({ input }) => createCamera(input)),
  update: operatorProcedure.input(updateCameraInput).mutation(({ input }) => updateCamera(input)),
  delete: operatorProcedure.input(idInput).mutation(({ input }) => deleteCamera(input.id)),
  /** The acknowledgements in force on the camera ("已确认"), by finding code. */
  acknowledgements: protectedProcedure.input(idInput).query(({ input }) => cameraAcknowledgements(input.id)),
  /** Acknowledges the open findings of the camera's newest result (or the given codes), with an optional note. */
  acknowledge: operatorProcedure
    .input(acknowledgeInput)
    .mutation(({ ctx, input }) => acknowledgeFindings(input, auditActorFrom(ctx.actor))),
  /** The camera's taught normal ("基准画面"): who set it and when, or null. */
  reference: protectedProcedure.input(idInput).query(({ input }) => getCameraReference(input.id)),
  /** "设为基准画面": the newest analysed frame becomes the camera's normal. */
  setReference: operatorProcedure.input(idInput).mutation(({ ctx, input }) => setCameraReference(input.id, auditActorFrom(ctx.actor))),
  clearReference: operatorProcedure.input(idInput).mutation(({ ctx, input }) => clearCameraReference(input.id, auditActorFrom(ctx.actor))),
  /** Who acknowledged findings or changed the reference, newest first. */
  audit: protectedProcedure.input(idInput).query(({ input }) => listCameraAudit(input.id)),
  /** Grabs one frame now and reports its size and a small preview, or why there is none. */
  test: operatorProcedure.input(idInput).mutation(({ input }) => testCameraSource(input.id, { preview: true })),
});
