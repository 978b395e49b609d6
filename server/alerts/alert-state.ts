import "server-only";
import { getDb } from "@/server/db/client";

/**
 * Claims the right to notify for a rule whose condition holds. Several processes evaluate the same
 * rules; this one statement decides which of them notifies: it fires (returns the time) only if
 * the rule was not firing or its last notification is older than the cool-down. The first time a
 * rule fires the row is inserted; a concurrent insert waits for the other's commit and then sees
 * it firing, so it gets no row back. Everyone else gets null and stays quiet.
 */
export async function claimFiring(rule: string, value: number, cooldownMinutes: number): Promise<Date | null> {
  const db = await getDb();
  const rows = await db.$queryRaw<Array<{ last_fired_at: Date }>>`
    INSERT INTO alert_states AS s (rule_name, firing, last_value, last_fired_at, updated_at)
    VALUES (${rule}, true, ${value}, now(), now())
    ON CONFLICT (rule_name) DO UPDATE SET firing = true, last_value = excluded.last_value, last_fired_at = now(), updated_at = now()
    WHERE NOT s.firing OR s.last_fired_at IS NULL OR s.last_fired_at <= now() - make_interval(mins => ${cooldownMinutes})
    RETURNING s.last_fired_at`;
  return rows[0]?.last_fired_at ?? null;
}

/** The condition no longer holds: the rule stops firing, so the next time it holds it fires at once. */
export async function clearFiring(rule: string, value: number): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`
    UPDATE alert_states SET firing = false, last_value = ${value}, updated_at = now() WHERE rule_name = ${rule} AND firing`;
}
