import WebSocket from 'ws';

/** Counts `message.created` events on the account's stream; resolves when `target` have arrived. */
export async function countMessagesCreated(baseUrl: string, cookie: string) {
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/stream`, { headers: { cookie } });
  let count = 0;
  let waiter: { target: number; resolve: () => void } | null = null;
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as { type: string };
      if (event.type === 'ready') resolve();
      if (event.type === 'message.created') {
        count += 1;
        if (waiter && count >= waiter.target) waiter.resolve();
      }
    });
  });
  return {
    get count() {
      return count;
    },
    reached(target: number, timeoutMs: number): Promise<void> {
      if (count >= target) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${count} of ${target} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiter = {
          target,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      });
    },
    close: () => socket.close(),
  };
}
