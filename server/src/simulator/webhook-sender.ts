import { wire } from '../channels/fixtures/index.ts';
import { signApiBody } from '../channels/index.ts';
import type { SimulatedChannel } from './simulated-channel.ts';

// Posts Parley signed webhooks in each platform's real format (built by the channels' wire
// builders). Like the platforms, it retries a delivery that was not acknowledged.

export interface XAuthor {
  id: string;
  screenName: string;
  name?: string;
  followers?: number;
  isVerified?: boolean;
}

export interface SentWebhook {
  status: number;
  body: string;
}

export class WebhookSender {
  constructor(
    private readonly options: { attempts?: number; retryDelayMs?: number; fetch?: typeof fetch } = {},
  ) {}

  /** Sign and POST one delivery; retried on connection errors and 5xx, as the platforms do. */
  async post(channel: SimulatedChannel, payload: unknown): Promise<SentWebhook> {
    if (!channel.parleyUrl)
      throw new Error(`channel ${channel.channelId} has no Parley URL to send webhooks to`);
    const body = JSON.stringify(payload);
    const headers =
      channel.provider === 'api'
        ? {
            'content-type': 'application/json',
            'x-parley-signature': signApiBody(channel.signingSecret, body),
          }
        : channel.provider === 'x'
          ? wire.xSignatureHeaders(body, channel.signingSecret)
          : wire.metaSignatureHeaders(body, channel.signingSecret);
    const url = `${channel.parleyUrl.replace(/\/+$/, '')}/webhooks/${channel.provider}/${channel.channelId}`;
    const attempts = this.options.attempts ?? 6;
    const doFetch = this.options.fetch ?? fetch;
    let lastError = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (res.status < 500) return { status: res.status, body: text };
        lastError = `HTTP ${res.status}`;
      } catch (error) {
        lastError = (error as Error).message;
      }
      if (attempt < attempts) {
        await new Promise((resolve) =>
          setTimeout(resolve, (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1)),
        );
      }
    }
    throw new Error(`webhook to ${url} failed after ${attempts} attempts: ${lastError}`);
  }

  xTweet(
    channel: SimulatedChannel,
    input: { id: string; author: XAuthor; text: string; at: Date; inReplyToId?: string },
  ) {
    const payload = wire.xTweet({
      forUserId: requireSetting(channel, 'userId'),
      id: input.id,
      text: input.text,
      at: input.at,
      user: input.author,
      ...(input.inReplyToId ? { inReplyToId: input.inReplyToId } : {}),
    });
    return this.post(channel, payload);
  }

  /** The brand's own post (author = for_user_id): Parley stores it as a reply already sent. */
  xBrandTweet(
    channel: SimulatedChannel,
    input: { id: string; text: string; at: Date; inReplyToId?: string },
  ) {
    const author = {
      id: requireSetting(channel, 'userId'),
      screenName: channel.handle ?? 'brand',
      followers: 50_000,
      isVerified: true,
    };
    return this.xTweet(channel, { ...input, author });
  }

  xDm(channel: SimulatedChannel, input: { id: string; sender: XAuthor; text: string; at: Date }) {
    const forUserId = requireSetting(channel, 'userId');
    return this.post(channel, wire.xDirectMessage({ forUserId, recipientId: forUserId, ...input }));
  }

  messengerText(
    channel: SimulatedChannel,
    input: { mid: string; customerId: string; text: string; at: Date },
  ) {
    return this.post(channel, wire.messengerText({ accountId: requireSetting(channel, 'pageId'), ...input }));
  }

  messengerEcho(
    channel: SimulatedChannel,
    input: { mid: string; customerId: string; text: string; at: Date; outboundMessageId?: string },
  ) {
    return this.post(
      channel,
      wire.messengerEcho({ accountId: requireSetting(channel, 'pageId'), appId: '1234567890', ...input }),
    );
  }

  messengerDelivery(channel: SimulatedChannel, input: { customerId: string; mids: string[]; at: Date }) {
    return this.post(
      channel,
      wire.messengerDelivery({ accountId: requireSetting(channel, 'pageId'), ...input }),
    );
  }

  messengerRead(channel: SimulatedChannel, input: { customerId: string; watermark: Date; at: Date }) {
    return this.post(channel, wire.messengerRead({ accountId: requireSetting(channel, 'pageId'), ...input }));
  }

  facebookComment(
    channel: SimulatedChannel,
    input: {
      postId: string;
      commentId: string;
      parentId?: string;
      from: { id: string; name?: string };
      text: string;
      at: Date;
    },
  ) {
    return this.post(channel, wire.facebookComment({ pageId: requireSetting(channel, 'pageId'), ...input }));
  }

  instagramComment(
    channel: SimulatedChannel,
    input: {
      commentId: string;
      mediaId: string;
      parentId?: string;
      from: { id: string; username?: string };
      text: string;
      at: Date;
    },
  ) {
    return this.post(
      channel,
      wire.instagramComment({ igAccountId: requireSetting(channel, 'igAccountId'), ...input }),
    );
  }

  instagramDm(channel: SimulatedChannel, input: { mid: string; customerId: string; text: string; at: Date }) {
    return this.post(
      channel,
      wire.instagramDm({ accountId: requireSetting(channel, 'igAccountId'), ...input }),
    );
  }

  whatsappText(
    channel: SimulatedChannel,
    input: { id: string; from: string; profileName?: string; text: string; at: Date },
  ) {
    return this.post(channel, wire.whatsappText({ ...this.#waIds(channel), ...input }));
  }

  whatsappLocation(
    channel: SimulatedChannel,
    input: {
      id: string;
      from: string;
      profileName?: string;
      at: Date;
      latitude: number;
      longitude: number;
      name: string;
      address: string;
    },
  ) {
    const { latitude, longitude, name, address, ...rest } = input;
    return this.post(
      channel,
      this.#waMessage(channel, rest, { type: 'location', location: { latitude, longitude, name, address } }),
    );
  }

  whatsappButtonReply(
    channel: SimulatedChannel,
    input: { id: string; from: string; profileName?: string; at: Date; buttonId: string; title: string },
  ) {
    const { buttonId, title, ...rest } = input;
    return this.post(
      channel,
      this.#waMessage(channel, rest, {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: buttonId, title } },
      }),
    );
  }

  whatsappStatus(
    channel: SimulatedChannel,
    input: {
      id: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      recipientId: string;
      at: Date;
      callbackData?: string;
    },
  ) {
    return this.post(channel, wire.whatsappStatus({ ...this.#waIds(channel), ...input }));
  }

  apiMessage(
    channel: SimulatedChannel,
    input: {
      messageId: string;
      author: { id: string; name?: string; handle?: string; followerCount?: number };
      text: string;
      at: Date;
      replyTo?: string;
      isPublic?: boolean;
    },
  ) {
    return this.post(channel, {
      type: 'message',
      occurredAt: input.at.toISOString(),
      author: input.author,
      message: {
        id: input.messageId,
        text: input.text,
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
      },
    });
  }

  #waIds(channel: SimulatedChannel) {
    return {
      wabaId: channel.wabaId ?? '100000000000001',
      phoneNumberId: requireSetting(channel, 'phoneNumberId'),
    };
  }

  /** A WhatsApp inbound message of a type the wire builders do not cover: the text shape, message swapped. */
  #waMessage(
    channel: SimulatedChannel,
    input: { id: string; from: string; profileName?: string; at: Date },
    content: Record<string, unknown>,
  ) {
    const delivery = wire.whatsappText({ ...this.#waIds(channel), ...input, text: '' });
    const value = delivery.entry[0]?.changes[0]?.value as { messages: Record<string, unknown>[] } | undefined;
    const message = value?.messages[0];
    if (message) {
      delete message.text;
      Object.assign(message, content);
    }
    return delivery;
  }
}

function requireSetting(
  channel: SimulatedChannel,
  key: 'userId' | 'pageId' | 'igAccountId' | 'phoneNumberId',
): string {
  const value = channel[key];
  if (!value) throw new Error(`simulated ${channel.provider} channel ${channel.channelId} needs ${key}`);
  return value;
}
