/**
 * Resolves once every follower of the conversation activity log has handled every row, read from
 * `/metrics` (`parley_activity_follower_lag_rows`); polls every 50 ms.
 */
export async function followersCaughtUp(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const lags = [...text.matchAll(/^parley_activity_follower_lag_rows\{[^}]*\} (\S+)$/gm)].map((m) =>
      Number(m[1]),
    );
    if (lags.length > 0 && lags.every((lag) => lag === 0)) return;
    if (performance.now() > deadline) throw new Error(`followers still behind: ${lags.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
