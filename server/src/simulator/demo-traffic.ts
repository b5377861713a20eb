import type { Provider } from '../channels/index.ts';
import { DEMO_SURFACES, DemoPlanner, type DemoSurface, type PlannedMessage } from './demo-planner.ts';
import { seededRandom } from './rng.ts';
import type { SimulatedChannel } from './simulated-channel.ts';
import type { WebhookSender } from './webhook-sender.ts';

export interface DemoTrafficOptions {
  webhooks: WebhookSender;
  /** The simulated channel per provider (x, messenger, facebook, instagram, whatsapp, api). */
  channels: Partial<Record<Provider, SimulatedChannel>>;
  /** Customer messages per minute after the opening burst. Default 4. */
  ratePerMinute?: number;
  /** Messages sent at start so the inbox is not empty; the first ones cover every surface. Default 12. */
  burst?: number;
  seed?: number;
  clock?: () => Date;
  onError?: (error: Error) => void;
}

/** A stream of customer messages to Parley, over every channel, at a configurable rate. */
export class DemoTraffic {
  sent = 0;
  readonly #planner: DemoPlanner;
  readonly #random: () => number;
  readonly #clock: () => Date;
  #timer: NodeJS.Timeout | null = null;
  #isRunning = false;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly options: DemoTrafficOptions) {
    const seed = options.seed ?? Date.now() % 2 ** 31;
    this.#random = seededRandom(seed);
    this.#planner = new DemoPlanner(this.#random, seed.toString(36));
    this.#clock = options.clock ?? (() => new Date());
  }

  start(): void {
    if (this.#isRunning) return;
    this.#isRunning = true;
    this.#inFlight = (async () => {
      for (let i = 0; i < (this.options.burst ?? 12) && this.#isRunning; i++)
        await this.#sendOne(DEMO_SURFACES[i]);
    })();
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#isRunning = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#inFlight;
  }

  /** Generate and send one message now. */
  async sendNext(onSurface?: DemoSurface): Promise<PlannedMessage> {
    const planned = this.#planner.next(onSurface);
    await this.#deliver(planned);
    this.sent += 1;
    return planned;
  }

  #schedule(): void {
    if (!this.#isRunning) return;
    const rate = Math.max(0.01, this.options.ratePerMinute ?? 4);
    // Exponential gaps: arrivals look like a Poisson stream, not a metronome.
    const gapMs = (-Math.log(1 - this.#random()) * 60_000) / rate;
    this.#timer = setTimeout(
      () => {
        this.#inFlight = this.#inFlight.then(() => this.#sendOne());
        this.#schedule();
      },
      Math.min(gapMs, 10 * 60_000),
    );
  }

  async #sendOne(onSurface?: DemoSurface): Promise<void> {
    try {
      await this.sendNext(onSurface);
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  async #deliver(m: PlannedMessage): Promise<void> {
    const { webhooks, channels } = this.options;
    const at = this.#clock();
    const need = (provider: Provider) => {
      const channel = channels[provider];
      if (!channel) throw new Error(`demo traffic has no ${provider} channel`);
      return channel;
    };
    const c = m.customer;
    const xAuthor = {
      id: c.xId,
      screenName: c.handle,
      name: c.name,
      followers: c.followers,
      isVerified: c.isVerified,
    };
    switch (m.surface) {
      case 'x_mention':
        await webhooks.xTweet(need('x'), {
          id: m.id,
          author: xAuthor,
          text: m.text,
          at,
          ...(m.replyToId ? { inReplyToId: m.replyToId } : {}),
        });
        return;
      case 'x_dm':
        await webhooks.xDm(need('x'), { id: m.id, sender: xAuthor, text: m.text, at });
        return;
      case 'messenger':
        await webhooks.messengerText(need('messenger'), { mid: m.id, customerId: c.psid, text: m.text, at });
        return;
      case 'instagram_dm':
        await webhooks.instagramDm(need('instagram'), { mid: m.id, customerId: c.igsid, text: m.text, at });
        return;
      case 'facebook_comment':
        await webhooks.facebookComment(need('facebook'), {
          postId: m.postId ?? '104200000000777_1201',
          commentId: m.id,
          ...(m.replyToId ? { parentId: m.replyToId } : {}),
          from: { id: c.psid, name: c.name },
          text: m.text,
          at,
        });
        return;
      case 'instagram_comment':
        await webhooks.instagramComment(need('instagram'), {
          commentId: m.id,
          mediaId: m.postId ?? '17900000000000101',
          ...(m.replyToId ? { parentId: m.replyToId } : {}),
          from: { id: c.igsid, username: c.handle },
          text: m.text,
          at,
        });
        return;
      case 'whatsapp': {
        const base = { id: m.id, from: c.phone, profileName: c.name, at };
        if (m.whatsappKind === 'location') {
          await webhooks.whatsappLocation(need('whatsapp'), {
            ...base,
            latitude: 53.8008,
            longitude: -1.5491,
            name: 'Home',
            address: '12 Park Row, Leeds',
          });
        } else if (m.whatsappKind === 'button') {
          await webhooks.whatsappButtonReply(need('whatsapp'), {
            ...base,
            buttonId: 'talk_to_agent',
            title: 'Talk to an agent',
          });
        } else {
          await webhooks.whatsappText(need('whatsapp'), { ...base, text: m.text });
        }
        return;
      }
      case 'api':
        await webhooks.apiMessage(need('api'), {
          messageId: m.id,
          author: { id: c.apiId, name: c.name, handle: c.handle },
          text: m.text,
          at,
          isPublic: false,
          ...(m.replyToId ? { replyTo: m.replyToId } : {}),
        });
        return;
    }
  }
}
