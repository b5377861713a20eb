import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/testing.ts';
import { drainInbound, seedAccount, startTestServer, type TestServer } from '../../http/testing.ts';
import { metaSignatureHeaders, whatsappText } from '../fixtures/wire-builders.ts';

// A WhatsApp customer is known by phone number: their first message joins the contact that already
// has that phone (say, from an email signature an agent saved), and several first messages in one
// batch make one contact, not one each.

const SECRET = 'whatsapp-contact-match-secret';
const PHONE = '106500000000777';
const WABA = '102290000000777';

describe.each(testEngines())('WhatsApp contacts matched by phone on %s', (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => {
    await server.close();
  });

  async function setUp() {
    const { cookie, accountId } = await seedAccount(server);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'whatsapp',
        name: 'WhatsApp',
        settings: { phoneNumberId: PHONE },
        secrets: { signingSecret: SECRET, verifyToken: 'v', accessToken: 'wa-token' },
      },
    });
    expect(created.statusCode).toBe(201);
    const channelId = (created.json() as { id: string }).id;
    // Several deliveries posted before the worker runs are applied as one batch.
    const post = async (body: unknown) => {
      const raw = JSON.stringify(body);
      const res = await server.app.inject({
        method: 'POST',
        url: `/webhooks/whatsapp/${channelId}`,
        headers: { ...metaSignatureHeaders(raw, SECRET), 'content-type': 'application/json' },
        payload: raw,
      });
      expect(res.statusCode).toBe(200);
    };
    const text = (from: string, id: string, text: string) =>
      whatsappText({
        wabaId: WABA,
        phoneNumberId: PHONE,
        from,
        profileName: 'Dana',
        id,
        text,
        at: new Date(),
      });
    return { cookie, accountId, post, text };
  }

  const contactsWithPhone = (accountId: string, phone: string) =>
    server.runtime.ctx.db.kysely
      .selectFrom('contacts')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('phone', '=', phone)
      .execute();

  it('joins the existing contact with the same phone number', async () => {
    const { accountId, post, text, cookie } = await setUp();
    const existing = await server.runtime.ctx.db.kysely
      .insertInto('contacts')
      .values({ account_id: accountId, name: 'Dana Smith', phone: '+447700900777', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();

    await post(text('447700900777', 'wamid.M1', 'Where is my parcel?'));
    await post(text('447700900777', 'wamid.M2', 'It was due yesterday'));
    await drainInbound(server);

    expect(await contactsWithPhone(accountId, '+447700900777')).toEqual([
      { id: existing.id, name: 'Dana Smith' },
    ]);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/v1/conversations',
      headers: { cookie },
    });
    const conversations = (list.json() as { items: { contact: { id: string }; messageCount: number }[] })
      .items;
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.contact.id).toBe(existing.id);
  });

  it('makes one new contact for a new number however many first messages arrive in one batch', async () => {
    const { accountId, post, text } = await setUp();
    await post(text('447700900888', 'wamid.N1', 'Hello'));
    await post(text('447700900888', 'wamid.N2', 'Anyone there?'));
    await post(text('447700900999', 'wamid.N3', 'Another customer'));
    await drainInbound(server);

    const dana = await contactsWithPhone(accountId, '+447700900888');
    expect(dana).toHaveLength(1);
    expect(await contactsWithPhone(accountId, '+447700900999')).toHaveLength(1);
    const identities = await server.runtime.ctx.db.kysely
      .selectFrom('contact_identities')
      .select(['contact_id', 'external_user_id'])
      .where('account_id', '=', accountId)
      .where('external_user_id', '=', '447700900888')
      .execute();
    expect(identities).toEqual([{ contact_id: dana[0]!.id, external_user_id: '447700900888' }]);
  });
});
