import "server-only";
import pg from "pg";

/**
 * Runs a query on one of the pool's connections and hands each row (as an array) to `onRow` as it
 * arrives, without collecting a result. For big reads whose rows are reduced on the way: a collected
 * result keeps every row alive until the last one comes, and at 10k rows the garbage collector spent
 * more time copying those rows between generations than the query took (bench/recovery.ts).
 */
export async function streamRows<Row extends unknown[]>(
  pool: pg.Pool,
  config: { name?: string; text: string; values?: unknown[] },
  onRow: (row: Row) => void,
): Promise<void> {
  const client = await pool.connect();
  let queryError: Error | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let rowError: unknown;
      // rowMode is missing from the Query constructor's types, not from pg.
      const query = new pg.Query({ ...config, rowMode: "array" } as pg.QueryConfig);
      query.on("row", (row: Row) => {
        if (rowError) return;
        try {
          onRow(row);
        } catch (err) {
          rowError = err;
        }
      });
      query.on("end", () => (rowError ? reject(rowError) : resolve()));
      query.on("error", (err: Error) => reject((queryError = err)));
      client.query(query);
    });
  } finally {
    // After an error PostgreSQL reported the connection is fine; after any other (a broken socket) it is dropped.
    client.release(queryError && !(queryError instanceof pg.DatabaseError) ? queryError : undefined);
  }
}
