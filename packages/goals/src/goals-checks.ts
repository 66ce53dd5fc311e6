// The check-in period's arithmetic, at first paint (the element checks `check-in-every` before anything loads).

/** `check-in-every` as days: an ISO 8601 duration of days or weeks (P7D, P2W), or null when it is not one. */
export function everyDays(value: string): number | null {
  const found = /^P(?:(\d{1,3})W)?(?:(\d{1,3})D)?$/i.exec(value.trim());
  if (!found || (!found[1] && !found[2])) return null;
  const days = Number(found[1] ?? 0) * 7 + Number(found[2] ?? 0);
  return days >= 1 ? days : null;
}

/** Whole days from `since` to `now`. */
export const daysSince = (since: Date, now = Date.now()) => Math.floor((now - since.getTime()) / 86_400_000);
