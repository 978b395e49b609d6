/**
 * Any UUID as PostgreSQL's `uuid` type reads it: 8-4-4-4-12 hex digits, whatever its version and variant bits.
 * Executor ids are compared with what the database stored, so a shape check is all a filter needs; zod's
 * `z.uuid()` also demands RFC 9562 version and variant bits, and the browser and server must agree.
 */
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
