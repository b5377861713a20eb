import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { DeliveredEvent } from '../../realtime/index.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';

/**
 * One WebSocket per signed-in browser. A client that reconnects with `?lastEventId=N` first gets
 * every event of its account after N, then live events; ids only grow, so it can drop repeats.
 */
export async function streamRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get(
    '/stream',
    {
      websocket: true,
      config: { access: 'member' },
      schema: {
        tags: ['realtime'],
        summary: 'WebSocket of the account’s conversation and message events; resume with ?lastEventId=',
      },
    },
    async (socket, request) => {
      const principal = principalOf(request);
      const lastEventId = Number((request.query as { lastEventId?: string }).lastEventId ?? 'NaN');
      let highest = 0;
      const buffered: DeliveredEvent[] = [];
      let isReplaying = true;
      // The hub hands over a batch of events in one synchronous run: hold the TCP socket corked
      // until it ends, so a batch costs one write system call instead of one per event.
      // (`_socket` is ws's underlying net.Socket; ws corks and uncorks it per frame, which nests.)
      const raw = (socket as unknown as { _socket?: Socket })._socket;
      let isCorked = false;
      const send = (event: DeliveredEvent) => {
        if (event.id <= highest) return;
        highest = event.id;
        if (raw && !isCorked) {
          isCorked = true;
          raw.cork();
          process.nextTick(() => {
            isCorked = false;
            raw.uncork();
          });
        }
        socket.send(event.wire);
      };
      // Subscribe first and buffer, so nothing published during the backlog read is missed.
      const unsubscribe = ctx.hub.subscribe(principal.accountId, (event) => {
        if (isReplaying) buffered.push(event);
        else send(event);
      });
      socket.on('close', unsubscribe);
      let isReset = false;
      if (Number.isFinite(lastEventId) && lastEventId >= 0 && (await ctx.hub.isPrunedAfter(lastEventId))) {
        // What the client missed is no longer kept: it must reload instead of replaying.
        isReset = true;
        highest = ctx.hub.cursor;
      } else if (Number.isFinite(lastEventId) && lastEventId >= 0) {
        let after = lastEventId;
        for (;;) {
          const page = await ctx.hub.backlog(principal.accountId, after);
          for (const event of page.events) send(event);
          if (page.isEnd) break;
          after = page.readUpTo;
        }
      } else {
        highest = ctx.hub.cursor;
      }
      isReplaying = false;
      for (const event of buffered.splice(0)) send(event);
      socket.send(JSON.stringify({ type: 'ready', lastEventId: highest, ...(isReset ? { isReset } : {}) }));
    },
  );
}
