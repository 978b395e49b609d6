import type { DefaultSession } from "next-auth";
import type { Role } from "@/server/auth/actor";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: number; username: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    username: string;
    role: Role;
  }
}
