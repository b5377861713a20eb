import { CITIES, FIRST_NAMES, fillTemplate, LAST_NAMES, TOPICS, type Topic } from './demo-templates.ts';
import { numericId, pick } from './rng.ts';

// Decides what the next demo customer message is: who writes, on which surface, about what, and
// whether it continues one of their earlier threads. Pure given its random source and time.

export type DemoSurface =
  | 'x_mention'
  | 'x_dm'
  | 'messenger'
  | 'facebook_comment'
  | 'instagram_comment'
  | 'instagram_dm'
  | 'whatsapp'
  | 'api';

export const DEMO_SURFACES: DemoSurface[] = [
  'x_mention',
  'whatsapp',
  'facebook_comment',
  'messenger',
  'instagram_comment',
  'api',
  'x_dm',
  'instagram_dm',
];
const PUBLIC_SURFACES: DemoSurface[] = ['x_mention', 'x_mention', 'facebook_comment', 'instagram_comment'];
const PRIVATE_SURFACES: DemoSurface[] = ['x_dm', 'messenger', 'instagram_dm', 'whatsapp', 'whatsapp', 'api'];

export interface DemoCustomer {
  key: string;
  name: string;
  handle: string;
  /** One platform id per network (X user id, page-scoped id, IG-scoped id, phone, API id). */
  xId: string;
  psid: string;
  igsid: string;
  phone: string;
  apiId: string;
  followers: number;
  isVerified: boolean;
}

export interface PlannedMessage {
  surface: DemoSurface;
  customer: DemoCustomer;
  topic: Topic;
  text: string;
  /** The platform id this message gets. */
  id: string;
  /** The customer's earlier message it answers (X reply, comment parent, API replyTo). */
  replyToId?: string;
  /** The post or media a comment belongs to. */
  postId?: string;
  /** WhatsApp only: a plain text, a shared location or a button answer. */
  whatsappKind?: 'text' | 'location' | 'button';
}

interface OpenThread {
  surface: DemoSurface;
  customer: DemoCustomer;
  topic: Topic;
  lastId: string;
  postId?: string;
}

export class DemoPlanner {
  readonly #customers: DemoCustomer[];
  readonly #bigAccounts: DemoCustomer[];
  readonly #threads: OpenThread[] = [];
  #sequence = 0;

  constructor(
    private readonly random: () => number,
    /** Makes ids unique across runs, so a restarted demo is not deduplicated away. */
    private readonly runId: string,
    private readonly brand = 'Demo Outfitters',
  ) {
    this.#customers = Array.from({ length: 40 }, (_, i) => this.#customer(i, false));
    this.#bigAccounts = Array.from({ length: 5 }, (_, i) => this.#customer(100 + i, true));
  }

  /** The next message; `onSurface` starts a new thread there (the opening burst shows every channel). */
  next(onSurface?: DemoSurface): PlannedMessage {
    const followUp =
      !onSurface && this.#threads.length > 3 && this.random() < 0.3 ? this.#pickThread() : undefined;
    if (followUp) return this.#continue(followUp);
    let topic = this.#pickTopic();
    const isComplaintSurface = !onSurface || onSurface === 'x_mention' || onSurface === 'facebook_comment';
    if (topic === 'complaint' && !isComplaintSurface) topic = 'delivery';
    const templates = TOPICS[topic];
    const isPublic = this.random() < templates.publicShare;
    const customer =
      topic === 'complaint' ? pick(this.random, this.#bigAccounts) : pick(this.random, this.#customers);
    const surface =
      onSurface ??
      (topic === 'complaint'
        ? pick(this.random, ['x_mention', 'x_mention', 'facebook_comment'] as DemoSurface[])
        : pick(this.random, isPublic ? PUBLIC_SURFACES : PRIVATE_SURFACES));
    const text = this.#fill(pick(this.random, templates.openers));
    const planned: PlannedMessage = {
      surface,
      customer,
      topic,
      text: surface === 'x_mention' ? `@DemoOutfitters ${text}` : text,
      id: this.#id(surface),
      ...(surface === 'facebook_comment'
        ? { postId: `104200000000777_${pick(this.random, ['1201', '1202', '1203'])}` }
        : {}),
      ...(surface === 'instagram_comment'
        ? { postId: `1790000000000${pick(this.random, ['0101', '0102'])}` }
        : {}),
      ...(surface === 'whatsapp' ? { whatsappKind: 'text' as const } : {}),
    };
    this.#remember(planned);
    return planned;
  }

  #continue(thread: OpenThread): PlannedMessage {
    const text = this.#fill(pick(this.random, TOPICS[thread.topic].followUps));
    const whatsappKind =
      thread.surface === 'whatsapp'
        ? pick(this.random, ['text', 'text', 'location', 'button'] as const)
        : undefined;
    const planned: PlannedMessage = {
      surface: thread.surface,
      customer: thread.customer,
      topic: thread.topic,
      text: thread.surface === 'x_mention' ? `@DemoOutfitters ${text}` : text,
      id: this.#id(thread.surface),
      replyToId: thread.lastId,
      ...(thread.postId ? { postId: thread.postId } : {}),
      ...(whatsappKind ? { whatsappKind } : {}),
    };
    this.#remember(planned);
    return planned;
  }

  #remember(message: PlannedMessage): void {
    const existing = this.#threads.findIndex(
      (t) => t.surface === message.surface && t.customer.key === message.customer.key,
    );
    if (existing >= 0) this.#threads.splice(existing, 1);
    this.#threads.push({
      surface: message.surface,
      customer: message.customer,
      topic: message.topic,
      lastId: message.id,
      ...(message.postId ? { postId: message.postId } : {}),
    });
    if (this.#threads.length > 30) this.#threads.shift();
  }

  #pickThread(): OpenThread | undefined {
    // Recent threads are the likeliest to get a follow-up.
    const index = this.#threads.length - 1 - Math.floor(this.random() ** 2 * this.#threads.length);
    return this.#threads[index];
  }

  #pickTopic(): Topic {
    const entries = Object.entries(TOPICS) as [Topic, (typeof TOPICS)[Topic]][];
    const total = entries.reduce((sum, [, t]) => sum + t.weight, 0);
    let roll = this.random() * total;
    for (const [topic, t] of entries) {
      roll -= t.weight;
      if (roll < 0) return topic;
    }
    return 'chatter';
  }

  #fill(text: string): string {
    return fillTemplate(text, {
      order: `#DO-${numericId(this.random, 6)}`,
      brand: this.brand,
      city: pick(this.random, CITIES),
      minutes: 10 + Math.floor(this.random() * 50),
    });
  }

  #id(surface: DemoSurface): string {
    this.#sequence += 1;
    const unique = `${this.runId}${this.#sequence}`;
    switch (surface) {
      case 'x_mention':
      case 'x_dm':
        return numericId(this.random, 19);
      case 'messenger':
      case 'instagram_dm':
        return `m_demo_${unique}`;
      case 'facebook_comment':
        return `${numericId(this.random, 4)}_${numericId(this.random, 16)}`;
      case 'instagram_comment':
        return numericId(this.random, 17);
      case 'whatsapp':
        return `wamid.demo${unique}`;
      case 'api':
        return `web-${unique}`;
    }
  }

  #customer(index: number, isBig: boolean): DemoCustomer {
    const first = pick(this.random, FIRST_NAMES);
    const last = pick(this.random, LAST_NAMES);
    const handle = `${first}${last}${isBig ? '' : index}`.toLowerCase();
    return {
      key: `c${index}`,
      name: `${first} ${last}`,
      handle,
      xId: numericId(this.random, 18),
      psid: numericId(this.random, 16),
      igsid: numericId(this.random, 16),
      phone: `4477009${String(index).padStart(5, '0')}`,
      apiId: `demo-customer-${index}`,
      followers: isBig
        ? 80_000 + Math.floor(this.random() * 2_000_000)
        : Math.floor(this.random() ** 3 * 3000),
      isVerified: isBig,
    };
  }
}
