import type { DefaultSession } from "next-auth";
import type { Role } from "@/shared/actor";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: number; username: string; role: Role; sessionVersion: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    username: string;
    role: Role;
    /** users.session_version at sign-in; absent in sessions made before it existed (read as 0). */
    sv?: number;
  }
}
