/**
 * The inputs of the task page's section queries, shared by the server page (which prefetches the
 * first pages) and the client sections, so that both use the same query keys.
 */
export const DETAIL_PAGE_SIZE = 10;

export const runsInput = (taskId: number, page = 1) => ({ taskId, page, pageSize: DETAIL_PAGE_SIZE });

export const recoveriesInput = (taskId: number, page = 1) => ({ taskId, page, pageSize: DETAIL_PAGE_SIZE });
