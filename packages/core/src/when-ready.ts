/**
 * Resolves true as soon as `check()` holds, or false after `timeoutMs`: for an action taken while the data it needs
 * is still loading (a tap on a poll that is still being read, a post while the membership reloads). One helper
 * instead of a loop of its own in each widget.
 */
export async function whenReady(check: () => boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  }
  return true;
}
