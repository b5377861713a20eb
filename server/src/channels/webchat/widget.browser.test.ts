import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../../e2e/support/browser.ts';
import { hasChromium } from '../../../../e2e/support/desk-server.ts';
import { drainInbound, seedAccount, startTestServer, type TestServer } from '../../http/testing.ts';

// The real /widget.js in Chromium on a brand's page: with nobody online it asks for the visitor's
// email, saves it, and says where the answer will go; an agent coming online is reflected live.

if (!hasChromium && process.env.PARLEY_E2E_REQUIRED) {
  throw new Error('/usr/bin/chromium is missing but the browser tests are required');
}

/** Page updates arrive over the socket: wait for them (a loaded machine may take seconds). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe.skipIf(!hasChromium)('chat widget in Chromium', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  const sites: Server[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const site of sites) site.close();
    await server?.close();
  });

  /** A page of the brand's site (another origin on this machine) with the widget embedded. */
  async function brandPage(channelId: string): Promise<Page> {
    const site = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><html><body><h1>Outfitters</h1>
        <script src="${baseUrl}/widget.js" data-channel="${channelId}" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    sites.push(site);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    return page;
  }

  it('asks for an email when nobody is online, then continues without asking', async () => {
    const { cookie } = await seedAccount(server);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: { cookie },
      payload: {
        provider: 'webchat',
        name: 'Site chat',
        settings: { fromName: 'Outfitters' },
        secrets: { signingSecret: 'widget-browser-secret-0123456789' },
      },
    });
    const channelId = (created.json() as { id: string }).id;
    const page = await brandPage(channelId);

    await page.getByRole('button', { name: 'Chat with us' }).click();
    const status = page.getByRole('status');
    await eventually(() => status.textContent()).toBe(
      'No one is online right now. Leave your email and we will answer you there.',
    );
    const email = page.getByLabel('Your email');
    await eventually(() => email.isVisible()).toBe(true);

    // A typo is caught before anything is sent.
    await email.fill('lee@customer');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.getByText('That does not look like an email address').count()).toBe(1);

    await email.fill('Lee@Customer.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => status.textContent()).toBe(
      'No one is online right now: we will answer at lee@customer.example.',
    );
    await eventually(() => email.isVisible()).toBe(false);
    const visitor = await server.runtime.ctx.db.kysely
      .selectFrom('webchat_visitors')
      .select('email')
      .where('channel_id', '=', channelId)
      .executeTakeFirstOrThrow();
    expect(visitor.email).toBe('lee@customer.example');

    // The visitor writes; an agent comes online and the note goes away.
    await page.getByLabel('Message').fill('Can I change my delivery address?');
    await page.getByRole('button', { name: 'Send' }).click();
    await eventually(async () => {
      await drainInbound(server);
      const list = await server.app.inject({
        method: 'GET',
        url: '/api/v1/conversations',
        headers: { cookie },
      });
      return (list.json() as { items: unknown[] }).items.length;
    }).toBe(1);
    await server.app.inject({
      method: 'PUT',
      url: '/api/v1/routing/presence/me',
      headers: { cookie },
      payload: { status: 'online' },
    });
    await eventually(() => status.isVisible()).toBe(false);
    await page.close();
  });
});
