import { randomBytes } from 'node:crypto';
import { DEMO_USERS, seedDemoAccount } from '../accounts/index.ts';
import type { Provider } from '../channels/index.ts';
import type { Runtime } from '../runtime/start.ts';
import type { SimulatedChannel } from './simulated-channel.ts';
import type { Simulator } from './simulator.ts';

// The demo account's channels, one per provider, pointed at the simulator. Idempotent: a restart
// finds the channels by name, reads their secrets and updates the URLs if the ports changed.

export const DEMO_IDS = {
  pageId: '104200000000777',
  igAccountId: '17841400000000777',
  phoneNumberId: '106500000000777',
  wabaId: '102290000000777',
  xUserId: '1500000000000000777',
  xHandle: 'DemoOutfitters',
};

export const DEMO_CHANNELS: { provider: Provider; name: string }[] = [
  { provider: 'x', name: 'X @DemoOutfitters (simulated)' },
  { provider: 'messenger', name: 'Messenger (simulated)' },
  { provider: 'facebook', name: 'Facebook page comments (simulated)' },
  { provider: 'instagram', name: 'Instagram (simulated)' },
  { provider: 'whatsapp', name: 'WhatsApp (simulated)' },
  { provider: 'api', name: 'Web form via API (simulated)' },
];

export function settingsFor(
  provider: Provider,
  simulator: Simulator,
  channelId: string | null,
): Record<string, unknown> {
  switch (provider) {
    case 'x':
      return { apiBaseUrl: simulator.xBaseUrl(), userId: DEMO_IDS.xUserId };
    case 'messenger':
    case 'facebook':
      return { apiBaseUrl: simulator.graphBaseUrl(), pageId: DEMO_IDS.pageId };
    case 'instagram':
      return { apiBaseUrl: simulator.graphBaseUrl(), igAccountId: DEMO_IDS.igAccountId };
    case 'whatsapp':
      return { apiBaseUrl: simulator.graphBaseUrl(), phoneNumberId: DEMO_IDS.phoneNumberId };
    default:
      return channelId ? { callbackUrl: simulator.apiCallbackUrl(channelId) } : {};
  }
}

/** The URL the simulator posts webhooks to: this process, over loopback. */
export function loopbackUrl(runtime: Runtime): string {
  const { HOST, PORT } = runtime.ctx.config;
  const host = HOST === '0.0.0.0' || HOST === '::' || HOST === '' ? '127.0.0.1' : HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${PORT}`;
}

/** Create (or find) the demo channels and register them with the simulator. */
export async function setupDemoChannels(
  runtime: Runtime,
  simulator: Simulator,
  parleyUrl = loopbackUrl(runtime),
): Promise<Partial<Record<Provider, SimulatedChannel>>> {
  const db = runtime.ctx.db.kysely;
  const store = runtime.ctx.channels;
  const { accountId } = await seedDemoAccount(db);
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', DEMO_USERS[0]?.email ?? '')
    .executeTakeFirst();
  const existing = await store.list(db, accountId);
  const result: Partial<Record<Provider, SimulatedChannel>> = {};
  for (const spec of DEMO_CHANNELS) {
    const now = runtime.ctx.clock();
    let dto = existing.find((c) => c.provider === spec.provider && c.name === spec.name);
    if (!dto) {
      const secrets = {
        signingSecret: randomBytes(24).toString('hex'),
        verifyToken: randomBytes(12).toString('hex'),
        ...(spec.provider === 'api'
          ? {}
          : { accessToken: `sim-${spec.provider}-${randomBytes(12).toString('hex')}` }),
      };
      dto = await store.create(db, {
        accountId,
        actorUserId: admin?.id ?? null,
        provider: spec.provider,
        name: spec.name,
        settings: settingsFor(spec.provider, simulator, null),
        secrets,
        now,
      });
    }
    const wanted = settingsFor(spec.provider, simulator, dto.id);
    const isStale = Object.entries(wanted).some(([key, value]) => dto?.settings[key] !== value);
    if (isStale && admin) {
      await store.update(db, { accountId, actorUserId: admin.id, channelId: dto.id, settings: wanted, now });
    }
    const context = await store.context(db, dto.id);
    if (!context?.secrets.signingSecret) throw new Error(`demo channel ${dto.id} has no signing secret`);
    const channel: SimulatedChannel = {
      provider: spec.provider,
      channelId: dto.id,
      signingSecret: context.secrets.signingSecret,
      ...(context.secrets.accessToken ? { accessToken: context.secrets.accessToken } : {}),
      parleyUrl,
      pageId: DEMO_IDS.pageId,
      igAccountId: DEMO_IDS.igAccountId,
      phoneNumberId: DEMO_IDS.phoneNumberId,
      wabaId: DEMO_IDS.wabaId,
      userId: DEMO_IDS.xUserId,
      handle: DEMO_IDS.xHandle,
    };
    simulator.addChannel(channel);
    result[spec.provider] = channel;
  }
  return result;
}
