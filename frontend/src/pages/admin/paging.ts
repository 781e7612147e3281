// Next / Previous over the users connection. The contract pages forward only (`after` a cursor),
// so going back means remembering the `after` of every page on the way: a stack whose last entry
// is the page shown (null: the first page).
export const USERS_PAGE_SIZE = 20;

export type Paging = readonly (string | null)[];

export const FIRST_PAGE: Paging = [null];

/** `after` for the page shown. */
export function currentAfter(paging: Paging): string | null {
  return paging[paging.length - 1] ?? null;
}

/** The page after the one shown; `endCursor` is that page's last cursor. */
export function nextPage(paging: Paging, endCursor: string): Paging {
  return [...paging, endCursor];
}

/** The page before the one shown; the first page stays where it is. */
export function previousPage(paging: Paging): Paging {
  return paging.length > 1 ? paging.slice(0, -1) : paging;
}

/** "Users 21–40 of 45", for the page shown with `count` users on it. */
export function describeRange(paging: Paging, count: number, totalCount: number, pageSize = USERS_PAGE_SIZE): string {
  if (count === 0) return `No users on this page (${totalCount} in all).`;
  const from = (paging.length - 1) * pageSize + 1;
  return `Users ${from}–${from + count - 1} of ${totalCount}`;
}
