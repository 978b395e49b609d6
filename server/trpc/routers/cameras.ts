import { z } from "zod";
import { createTRPCRouter, operatorProcedure, protectedProcedure } from "@/server/trpc/init";
import { cameraIdSchema, createCameraInput, updateCameraInput } from "@/server/cameras/camera-input";
import { createCamera } from "@/server/cameras/create-camera";
import { deleteCamera } from "@/server/cameras/delete-camera";
import { getCamera } from "@/server/cameras/get-camera";
import { listCameras, listCamerasInput } from "@/server/cameras/list-cameras";
import { testCameraSource } from "@/server/cameras/test-camera-source";
import { updateCamera } from "@/server/cameras/update-camera";

const byIdInput = z.object({ id: cameraIdSchema });

export const camerasRouter = createTRPCRouter({
  list: protectedProcedure.input(listCamerasInput).query(({ input }) => listCameras(input)),
  byId: protectedProcedure.input(byIdInput).query(({ input }) => getCamera(input.id)),
  create: operatorProcedure.input(createCameraInput).mutation(({ input }) => createCamera(input)),
  update: operatorProcedure.input(updateCameraInput).mutation(({ input }) => updateCamera(input)),
  delete: operatorProcedure.input(byIdInput).mutation(({ input }) => deleteCamera(input.id)),
  /** Grabs one frame now and reports its size, or why there is none. */
  test: operatorProcedure.input(byIdInput).mutation(({ input }) => testCameraSource(input.id)),
});
