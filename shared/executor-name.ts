/**
 * How an executor (a server or worker process) is named wherever people see it: the console, the
 * API's extra fields, the recovery audit and its export, logs and alerts. `host:pid` is what an
 * operator can act on (log in to that host, look at that process); the instance UUID is only a key.
 */
export const executorName = (executor: { host: string; pid: number }) => `${executor.host}:${executor.pid}`;
