let counter = 0;
/** A name no other test (or earlier run against the same database) uses. */
export const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
