/**
 * Bounds of the parameters that the REST API, tRPC, the CLI and the console share. The browser
 * bundles this file, so it imports nothing from the server.
 */

/**
 * Every id the API takes names a row of a PostgreSQL `integer` column. A larger number can never
 * name a row, and PostgreSQL refuses to compare one with such a column (error 22003), so it is
 * refused where it comes in.
 */
export const MAX_ID = 2_147_483_647;

/** `max_runtime_minutes`: how long a run may take before it counts as stuck, at most one week. */
export const MAX_RUNTIME_MINUTES = 10_080;

/** The highest page number a paged list accepts (a guard against absurd offsets, not a real limit). */
export const MAX_PAGE = 1_000_000;

/** Longest note on an acknowledged finding ("已确认"). */
export const ACK_NOTE_MAX = 500;
