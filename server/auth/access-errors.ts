import "server-only";
import { forbidden, unauthorized } from "@/server/errors";
import type { Role } from "@/shared/actor";

const ROLE_NAMES: Record<Role, string> = { admin: "管理员", operator: "操作员", viewer: "观察员" };

/**
 * The refusals of the two interfaces that check access, tRPC's procedure builders and REST's
 * restRoute: the same sentences, so a script and the console read the same reason.
 */
export const signInRequired = () => unauthorized();

export const roleRequired = (needed: Role, actual: Role) =>
  forbidden(`此操作需要${ROLE_NAMES[needed]}角色，你的角色是${ROLE_NAMES[actual]} (this needs the ${needed} role; you are ${actual}).`);
