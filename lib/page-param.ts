/**
 * A page number from the address (`?page=3`): one to six digits, else page 1. A huge or odd value
 * (`?page=99999999999999999999`, `?page=1e3`, `?page=a&page=b`) once reached SQL as an offset
 * beyond its integers and answered 500.
 */
export function pageParam(value: unknown): number {
  return typeof value === "string" && /^\d{1,6}$/.test(value) ? Math.max(1, Number(value)) : 1;
}
