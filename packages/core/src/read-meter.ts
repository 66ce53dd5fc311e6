/**
 * Counts Firestore documents delivered by the server, the way Firestore bills reads: one per document
 * in a query's first server result (one for an empty result), one per later change, one per document fetch.
 * `npm run bench` reads it to report documents read per widget view.
 */
const readsByWidget = new Map<string, number>();

export function recordReads(widget: string, count: number): void {
  readsByWidget.set(widget, (readsByWidget.get(widget) ?? 0) + count);
}

export function documentReads(widget?: string): number {
  if (widget) return readsByWidget.get(widget) ?? 0;
  let total = 0;
  for (const count of readsByWidget.values()) total += count;
  return total;
}

export function resetDocumentReads(): void {
  readsByWidget.clear();
}
