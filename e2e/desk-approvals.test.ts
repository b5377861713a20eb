import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaSignatureHeaders, whatsappText } from '../server/src/channels/fixtures/wire-builders.ts';
import { launchBrowser } from './support/browser.ts';
import {
  apiSession,
  buildWeb,
  type CallbackReceiver,
  type DeskServer,
  hasChromium,
  postToApiChannel,
  startCallbackReceiver,
  startDeskServer,
} from './support/desk-server.ts';

// Replies held for approval and WhatsApp's closed window, in Chromium against a real server:
// an agent's public reply waits, a supervisor approves it in the desk, the integration receives
// it and it shows as sent; a WhatsApp customer who wrote 30 hours ago can only get a template.

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const SIGNING_SECRET = 'e2e-approvals-signing-secret';
const META_SECRET = 'e2e-whatsapp-app-secret';
const PHONE_NUMBER_ID = '106540000000123';
const HOUR = 3_600_000;

interface FakeGraph {
  url: string;
  /** Resolves with the first request body for which `match` holds. */
  next(match: (body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Stands in for the WhatsApp Cloud API's send endpoint. */
async function startFakeGraph(): Promise<FakeGraph> {
  const received: Record<string, unknown>[] = [];
  const waiters: {
    match: (b: Record<string, unknown>) => boolean;
    resolve: (b: Record<string, unknown>) => void;
  }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push(body);
      for (const waiter of waiters.filter((w) => w.match(body))) waiter.resolve(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.E2E${received.length}` }] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    next: (match) =>
      new Promise((resolve) => {
        const already = received.find(match);
        if (already) resolve(already);
        else waiters.push({ match, resolve });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!hasChromium)('approvals and WhatsApp templates in Chromium', () => {
  let server: DeskServer;
  let receiver: CallbackReceiver;
  let graph: FakeGraph;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  let apiChannelId: string;
  let whatsappChannelId: string;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    graph = await startFakeGraph();
    [server, browser] = await Promise.all([
      startDeskServer(buildWeb(), 'lead@approvals.parley.dev'),
      launchBrowser(),
    ]);
    admin = await apiSession(server.baseUrl, server.adminEmail, server.adminPassword);
    for (const [email, name, role] of [
      ['bea@approvals.parley.dev', 'Bea Agent', 'agent'],
      ['sam@approvals.parley.dev', 'Sam Supervisor', 'supervisor'],
    ] as const) {
      await admin.call('POST', '/users', { email, name, role, password: `${role}-password-123` });
    }
    await admin.call('PUT', '/settings/approvals', { requireForAgents: true, exemptPrivate: true });
    apiChannelId = (
      await admin.call<{ id: string }>('POST', '/channels', {
        provider: 'api',
        name: 'Website',
        settings: { callbackUrl: receiver.url },
        secrets: { signingSecret: SIGNING_SECRET },
      })
    ).id;
    whatsappChannelId = (
      await admin.call<{ id: string }>('POST', '/channels', {
        provider: 'whatsapp',
        name: 'WhatsApp Support',
        settings: { phoneNumberId: PHONE_NUMBER_ID, apiBaseUrl: graph.url },
        secrets: { signingSecret: META_SECRET, verifyToken: 'verify', accessToken: 'wa-token' },
      })
    ).id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
    await graph?.close();
  });

  async function signedIn(email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(`${server.baseUrl}/inbox`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.stream-live').waitFor();
    return page;
  }

  /** Waits for the inbox row (it arrives over the WebSocket) and opens the conversation. */
  async function openFromInbox(page: Page, text: string): Promise<string> {
    const row = page.locator('[role="option"]', { hasText: text });
    await row.waitFor();
    const id = await row.getAttribute('data-conversation-id');
    await row.click();
    await page.locator('.timeline .entry.message.in', { hasText: text }).waitFor();
    if (!id) throw new Error('row without a conversation id');
    return id;
  }

  async function whatsappFromCustomer(text: string, from: string, hoursAgo: number): Promise<string> {
    const body = JSON.stringify(
      whatsappText({
        wabaId: '102290000000321',
        phoneNumberId: PHONE_NUMBER_ID,
        from,
        profileName: 'Ana Costa',
        id: `wamid.IN-${from}`,
        text,
        at: new Date(Date.now() - hoursAgo * HOUR),
      }),
    );
    const res = await fetch(`${server.baseUrl}/webhooks/whatsapp/${whatsappChannelId}`, {
      method: 'POST',
      headers: { ...metaSignatureHeaders(body, META_SECRET), 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    return text;
  }

  it('holds an agent’s public reply until a supervisor approves it in the desk, then sends it', async () => {
    const question = 'Is the store on Elm Street open on Sunday?';
    await postToApiChannel(server.baseUrl, apiChannelId, SIGNING_SECRET, {
      type: 'message',
      occurredAt: new Date().toISOString(),
      author: { id: 'cust-approval', name: 'Pat Public', handle: 'pat' },
      message: { id: 'ext-approval-1', text: question, isPublic: true },
    });
    const [bea, sam] = await Promise.all([
      signedIn('bea@approvals.parley.dev', 'agent-password-123'),
      signedIn('sam@approvals.parley.dev', 'supervisor-password-123'),
    ]);
    const conversationId = await openFromInbox(bea, question);
    const reply = 'Yes, Elm Street is open 10:00–16:00 on Sundays.';
    await bea.locator('#composer-text').fill(reply);
    await bea.getByRole('button', { name: 'Send reply' }).click();
    await expectText(bea, '[data-testid="approval-state"]', 'awaiting approval');
    const beforeApproval = await admin.call<{ messages: { direction: string }[] }>(
      'GET',
      `/conversations/${conversationId}`,
    );
    expect(beforeApproval.messages.filter((m) => m.direction === 'out')).toEqual([]);

    await sam.goto(`${server.baseUrl}/inbox/${conversationId}`);
    const held = sam.locator('[data-testid="approval-entry"]');
    await held.getByRole('button', { name: 'Approve' }).click();
    const delivered = await receiver.nextReply(reply);
    expect(delivered.text).toBe(reply);
    await expectText(sam, '.timeline .entry.message.out [data-testid="delivery-status"]', 'sent');
    await sam.screenshot({ path: `${ARTIFACTS}approval-approved.png` });
    // The agent's desk follows live: the held entry gives way to the sent reply.
    await expectText(bea, '.timeline .entry.message.out [data-testid="delivery-status"]', 'sent');
    await bea.locator('[data-testid="approval-entry"]').waitFor({ state: 'detached' });
  }, 60_000);

  it('counts down an open WhatsApp window, and past 24 hours sends only a template', async () => {
    const lead = await signedIn(server.adminEmail, server.adminPassword);
    // The admin lists the approved template for the number.
    await lead.goto(`${server.baseUrl}/admin`);
    const form = lead.getByRole('form', { name: 'WhatsApp template' });
    await form.getByLabel('Template name').fill('order_shipped');
    await form.getByLabel('Language').fill('en_US');
    await form.getByLabel('Body').fill('Hi {{1}}, order {{2}} is on its way.');
    await form.getByRole('button', { name: 'Add template' }).click();
    await lead.getByRole('cell', { name: 'order_shipped' }).waitFor();

    const recent = await whatsappFromCustomer('Do you ship to Porto?', '351910000001', 1);
    const old = await whatsappFromCustomer('Where is order A-17?', '351910000002', 30);
    await lead.goto(`${server.baseUrl}/inbox`);
    await openFromInbox(lead, recent);
    const notice = lead.locator('[data-testid="window-notice"]');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^WhatsApp window: 2[23] h \d+ min left$/);

    await openFromInbox(lead, old);
    expect(await notice.textContent()).toMatch(/^Window closed: send a template/);
    await lead.locator('#composer-text').fill('Any news on your side?');
    await expectText(lead, '#composer-counter', '22 / 4096 characters');
    expect(await lead.getByRole('button', { name: 'Send reply' }).isDisabled()).toBe(true);

    const picker = lead.getByRole('form', { name: 'WhatsApp template' });
    await picker.getByLabel('Parameter {{1}}').fill('Ana');
    await picker.getByLabel('Parameter {{2}}').fill('A-17');
    await expectText(lead, '[data-testid="template-preview"]', 'Hi Ana, order A-17 is on its way.');
    await lead.screenshot({ path: `${ARTIFACTS}whatsapp-template.png` });
    await picker.getByRole('button', { name: 'Send template' }).click();

    const sent = await graph.next((body) => body.type === 'template');
    expect(sent).toMatchObject({
      to: '351910000002',
      template: {
        name: 'order_shipped',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'A-17' },
            ],
          },
        ],
      },
    });
    const entry = lead.locator('.timeline .entry.message.out', {
      hasText: 'Hi Ana, order A-17 is on its way.',
    });
    await expectText(lead, '.timeline .entry.message.out [data-testid="delivery-status"]', 'sent');
    expect(await entry.locator('[data-testid="template-tag"]').textContent()).toBe(
      'Template order_shipped (en_US)',
    );

    // Both numbers are Ana: merge the contacts from the customer panel.
    const panel = lead.getByRole('complementary', { name: 'Customer' });
    expect(await panel.getByText('Past conversations (0)').count()).toBe(1);
    await panel.getByRole('button', { name: 'Merge with another contact…' }).click();
    await panel.getByLabel('Find the same customer').fill('Ana');
    await panel
      .getByRole('list', { name: 'Matching contacts' })
      .getByRole('button', { name: /Ana Costa/ })
      .click();
    await panel
      .getByRole('alertdialog', { name: 'Confirm merge' })
      .getByRole('button', { name: 'Merge' })
      .click();
    await panel.getByText('Past conversations (1)').waitFor();
    expect(await panel.locator('.identities li').count()).toBe(2);
    await panel.getByRole('link', { name: recent }).waitFor();
  }, 60_000);
});

/** Wait (on the page, no polling from here) until the element's text is exactly `expected`. */
async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel ?? '')?.textContent?.trim() === want,
    [selector, expected] as const,
    { timeout: 30_000 },
  );
}
