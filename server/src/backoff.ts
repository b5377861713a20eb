/**
 * How long to wait before the next try after `attempts` failed ones: `firstMs` after the first,
 * multiplied by `factor` (default 2) after each further one, never more than `capMs`. Every retry
 * loop in Parley (inbound, outbox, webhooks, IMAP, media downloads) spaces its tries with this.
 */
export function exponentialBackoffMs(
  attempts: number,
  options: { firstMs: number; capMs: number; factor?: number },
): number {
  return Math.min(options.capMs, options.firstMs * (options.factor ?? 2) ** Math.max(0, attempts - 1));
}
