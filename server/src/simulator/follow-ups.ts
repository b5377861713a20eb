import type { SendRoute } from './send-endpoints.ts';
import type { SimulatedChannel } from './simulated-channel.ts';
import type { WebhookSender } from './webhook-sender.ts';

// What the platform tells Parley after accepting a send: WhatsApp statuses for the new wamid;
// for Messenger the echo (carrying Parley's `parley:<id>` metadata), a delivery and a read.

export function followUpWork(input: {
  webhooks: WebhookSender;
  channel: SimulatedChannel;
  route: SendRoute;
  body: Record<string, unknown>;
  platformId: string;
  clock: () => Date;
  delayMs: number;
}): (() => Promise<void>) | null {
  const { webhooks, channel, route, body, platformId, clock } = input;
  // Each webhook comes a little after the previous one, as on the platforms.
  const pause = () => new Promise((resolve) => setTimeout(resolve, input.delayMs));
  if (route.kind === 'whatsapp_message' && channel.provider === 'whatsapp') {
    const recipientId = String(body.to ?? '').replace(/^\+/, '');
    const callbackData =
      typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : undefined;
    return async () => {
      for (const status of ['sent', 'delivered', 'read'] as const) {
        await pause();
        await webhooks.whatsappStatus(channel, {
          id: platformId,
          status,
          recipientId,
          at: clock(),
          ...(callbackData ? { callbackData } : {}),
        });
      }
    };
  }
  if (route.kind !== 'send_api' || channel.provider !== 'messenger') return null;
  const recipient = body.recipient as { id?: string } | undefined;
  const message = body.message as { text?: string; metadata?: string } | undefined;
  const customerId = recipient?.id;
  if (!customerId) return null; // a private reply to a comment: no PSID to echo to
  const outboundMessageId = message?.metadata?.startsWith('parley:') ? message.metadata.slice(7) : undefined;
  return async () => {
    await pause();
    await webhooks.messengerEcho(channel, {
      mid: platformId,
      customerId,
      text: message?.text ?? '',
      at: clock(),
      ...(outboundMessageId ? { outboundMessageId } : {}),
    });
    await pause();
    await webhooks.messengerDelivery(channel, { customerId, mids: [platformId], at: clock() });
    await pause();
    await webhooks.messengerRead(channel, { customerId, watermark: clock(), at: clock() });
  };
}
