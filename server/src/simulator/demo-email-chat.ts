import { randomBytes } from 'node:crypto';
import { DEMO_USERS, seedDemoAccount } from '../accounts/index.ts';
import { type SmtpIngress, startSmtpIngress } from '../channels/email/index.ts';
import { DeliveryWriter } from '../channels/pipeline/group-insert.ts';
import type { Runtime } from '../runtime/start.ts';
import { ChatVisitor } from './chat-visitor.ts';
import { FIRST_NAMES, fillTemplate, LAST_NAMES, TOPICS, type Topic } from './demo-templates.ts';
import { type MailSink, sendCustomerMail, startMailSink } from './mail-server.ts';
import { seededRandom } from './rng.ts';

// The demo's email and web chat customers: mail sent over SMTP to Parley's listener (started here
// on a free port when SMTP_INBOUND_PORT is 0), replies received by a customers' mail server, and
// web chat visitors on Parley's visitor socket who stay a few minutes to read the answer.

export const DEMO_EMAIL_ADDRESS = 'support@demo-outfitters.example';

const CHANNELS = [
  { provider: 'email', name: 'Email support@ (simulated)' },
  { provider: 'webchat', name: 'Web chat (simulated)' },
] as const;

export interface EmailChatDemo {
  emailChannelId: string;
  webchatChannelId: string;
  smtpPort: number;
  sink: MailSink;
  /** Send one customer mail now; resolves with its Message-ID. */
  sendMail(): Promise<string>;
  /** One visitor says something and stays `stayMs` to read replies. */
  chat(stayMs?: number): Promise<ChatVisitor>;
  stop(): Promise<void>;
}

async function ensureChannels(runtime: Runtime, smtpPort: number) {
  const db = runtime.ctx.db.kysely;
  const store = runtime.ctx.channels;
  const { accountId } = await seedDemoAccount(db);
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', DEMO_USERS[0]?.email ?? '')
    .executeTakeFirst();
  const smtp = { fromName: 'Demo Outfitters', smtpHost: '127.0.0.1', smtpPort };
  const wanted = {
    email: { address: DEMO_EMAIL_ADDRESS, ...smtp },
    webchat: { address: 'chat@demo-outfitters.example', ...smtp },
  };
  const existing = await store.list(db, accountId);
  const ids: Record<string, string> = {};
  for (const spec of CHANNELS) {
    const now = runtime.ctx.clock();
    let dto = existing.find((c) => c.provider === spec.provider && c.name === spec.name);
    if (!dto) {
      dto = await store.create(db, {
        accountId,
        actorUserId: admin?.id ?? null,
        provider: spec.provider,
        name: spec.name,
        settings: wanted[spec.provider],
        secrets: { signingSecret: randomBytes(24).toString('hex') },
        now,
      });
    } else if (admin && Object.entries(wanted[spec.provider]).some(([k, v]) => dto?.settings[k] !== v)) {
      await store.update(db, {
        accountId,
        actorUserId: admin.id,
        channelId: dto.id,
        settings: wanted[spec.provider],
        now,
      });
      store.forget(dto.id);
    }
    ids[spec.provider] = dto.id;
  }
  return { emailChannelId: ids.email ?? '', webchatChannelId: ids.webchat ?? '' };
}

export async function startEmailChatDemo(
  runtime: Runtime,
  options: { parleyUrl: string; seed?: number; sinkPort?: number },
): Promise<EmailChatDemo> {
  const random = seededRandom(options.seed ?? Date.now() % 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sink = await startMailSink(options.sinkPort ?? 0);
  const { ctx } = runtime;
  let ingress: SmtpIngress | null = null;
  let smtpPort = ctx.config.SMTP_INBOUND_PORT;
  if (smtpPort === 0) {
    ingress = await startSmtpIngress({
      db: ctx.db,
      metrics: ctx.metrics,
      writer: new DeliveryWriter(ctx.db),
      clock: ctx.clock,
      onStored: ctx.kickInbound,
      port: 0,
      host: '127.0.0.1',
    });
    smtpPort = ingress.port;
  }
  const ids = await ensureChannels(runtime, sink.port);
  const visitors = new Set<ChatVisitor>();
  const timers = new Set<NodeJS.Timeout>();
  const values = () => ({
    order: String(100_000 + Math.floor(random() * 900_000)),
    brand: 'Demo Outfitters',
    city: 'Leeds',
    minutes: 5 + Math.floor(random() * 50),
  });
  const topics: Topic[] = ['delivery', 'refund', 'login', 'praise'];

  return {
    ...ids,
    smtpPort,
    sink,
    async sendMail() {
      const topic = TOPICS[pick(topics)];
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const address = `${first}.${last}@customers.demo.example`.toLowerCase();
      const text = fillTemplate(pick(topic.openers), values());
      const messageId = `<demo.${randomBytes(8).toString('hex')}@customers.demo.example>`;
      await sendCustomerMail(smtpPort, {
        from: address,
        fromName: `${first} ${last}`,
        to: DEMO_EMAIL_ADDRESS,
        subject: text.split(/[.?!]/)[0]?.slice(0, 70) || 'Question',
        messageId,
        text: `Hello,\n\n${text}\n\nThanks,\n${first}\n\n-- \n${first} ${last}\nSent from my phone`,
      });
      return messageId;
    },
    async chat(stayMs = 5 * 60_000) {
      const visitor = await ChatVisitor.connect(options.parleyUrl, ids.webchatChannelId, {
        name: `${pick(FIRST_NAMES)} (site visitor)`,
      });
      visitors.add(visitor);
      const topic = TOPICS[pick(topics)];
      await visitor.say(fillTemplate(pick(topic.openers), values()));
      if (random() < 0.5)
        await visitor.leaveEmail(`visitor.${randomBytes(3).toString('hex')}@customers.demo.example`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        visitors.delete(visitor);
        void visitor.close();
      }, stayMs);
      timer.unref();
      timers.add(timer);
      return visitor;
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...visitors].map((v) => v.close()));
      await ingress?.close();
      await sink.close();
    },
  };
}

/** Demo traffic on email and web chat: a couple at once, then about one a minute each way. */
export function runEmailChatTraffic(
  demo: EmailChatDemo,
  onError: (error: unknown) => void,
  everyMs = 60_000,
): () => void {
  let isRunning = true;
  // Parley may not listen yet when the demo starts: the first pair goes out a few seconds later.
  const first = setTimeout(() => {
    void demo.sendMail().catch(onError);
    void demo.chat().catch(onError);
  }, 3000);
  first.unref();
  const timer = setInterval(() => {
    if (!isRunning) return;
    if (Math.random() < 0.5) void demo.sendMail().catch(onError);
    else void demo.chat().catch(onError);
  }, everyMs);
  timer.unref();
  return () => {
    isRunning = false;
    clearTimeout(first);
    clearInterval(timer);
  };
}
