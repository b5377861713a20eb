import http from 'node:http';
import {
  facebookComment,
  instagramDm,
  messengerText,
  metaSignatureHeaders,
  whatsappText,
  xDirectMessage,
  xSignatureHeaders,
  xTweet,
} from '../../server/src/channels/fixtures/wire-builders.ts';

// One signed delivery per request in each platform's own wire format, rotating over X mentions and
// DMs, Messenger, Facebook comments, Instagram DMs and WhatsApp: the mixed-provider ingest run.

const IDS = { pageId: '104200000000901', igId: '17841400000000901', phone: '106500000000901', waba: '1029' };
const X_USER = '1500000000000000901';

export interface MixedChannels {
  x: string;
  messenger: string;
  facebook: string;
  instagram: string;
  whatsapp: string;
}

const SECRET = 'bench-mixed-app-secret';

async function createChannel(baseUrl: string, cookie: string, provider: string, settings: object) {
  const res = await fetch(`${baseUrl}/api/v1/channels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      provider,
      name: `Bench ${provider}`,
      settings,
      secrets: { signingSecret: SECRET, verifyToken: 'bench-verify', accessToken: 'bench-token' },
    }),
  });
  if (res.status !== 201)
    throw new Error(`${provider} channel create failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function createMixedChannels(baseUrl: string, cookie: string): Promise<MixedChannels> {
  return {
    x: await createChannel(baseUrl, cookie, 'x', { userId: X_USER }),
    messenger: await createChannel(baseUrl, cookie, 'messenger', { pageId: IDS.pageId }),
    facebook: await createChannel(baseUrl, cookie, 'facebook', { pageId: IDS.pageId }),
    instagram: await createChannel(baseUrl, cookie, 'instagram', { igAccountId: IDS.igId }),
    whatsapp: await createChannel(baseUrl, cookie, 'whatsapp', { phoneNumberId: IDS.phone }),
  };
}

/** The i-th delivery of the mix: provider, channel and the signed request. */
export function mixedDelivery(channels: MixedChannels, i: number, authors: number, runId: string) {
  const at = new Date();
  const author = `${i % authors}`;
  const text = `Order ${i} has not arrived and I need it by Friday, please help`;
  const id = `${runId}${i}`;
  const kind = i % 6;
  if (kind === 0 || kind === 1) {
    const user = { id: `9${author}`, screenName: `cust${author}`, followers: (i * 37) % 5000 };
    const body =
      kind === 0
        ? xTweet({ forUserId: X_USER, id: `7${id.replace(/\D/g, '')}`, text: `@brand ${text}`, at, user })
        : xDirectMessage({
            forUserId: X_USER,
            id: `8${id.replace(/\D/g, '')}`,
            sender: user,
            recipientId: X_USER,
            text,
            at,
          });
    const raw = JSON.stringify(body);
    return { provider: 'x', channelId: channels.x, raw, headers: xSignatureHeaders(raw, SECRET) };
  }
  const meta = (provider: keyof MixedChannels, body: unknown) => {
    const raw = JSON.stringify(body);
    return { provider, channelId: channels[provider], raw, headers: metaSignatureHeaders(raw, SECRET) };
  };
  if (kind === 2)
    return meta(
      'messenger',
      messengerText({ accountId: IDS.pageId, customerId: `psid${author}`, mid: `m_${id}`, text, at }),
    );
  if (kind === 3)
    return meta(
      'instagram',
      instagramDm({ accountId: IDS.igId, customerId: `igsid${author}`, mid: `ig_${id}`, text, at }),
    );
  if (kind === 4)
    return meta(
      'facebook',
      facebookComment({
        pageId: IDS.pageId,
        postId: `${IDS.pageId}_${i % 50}`,
        commentId: `${IDS.pageId}_${i % 50}_${id}`,
        from: { id: `fb${author}`, name: `Customer ${author}` },
        text,
        at,
      }),
    );
  return meta(
    'whatsapp',
    whatsappText({
      wabaId: IDS.waba,
      phoneNumberId: IDS.phone,
      from: `3161${author.padStart(7, '0')}`,
      profileName: `Customer ${author}`,
      id: `wamid.${id}`,
      text,
      at,
    }),
  );
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function postDelivery(
  baseUrl: string,
  delivery: { provider: string; channelId: string; raw: string; headers: Record<string, string> },
): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      `${baseUrl}/webhooks/${delivery.provider}/${delivery.channelId}`,
      {
        method: 'POST',
        agent,
        headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.raw) },
        timeout: 5000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(delivery.raw);
  });
}
