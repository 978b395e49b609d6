-- CreateEnum
CREATE TYPE "rtsp_transport" AS ENUM ('auto', 'tcp', 'udp');

-- AlterTable
ALTER TABLE "cameras" ADD COLUMN     "rtsp_transport" "rtsp_transport" NOT NULL DEFAULT 'auto';
