import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xDirectMessage, xSignatureHeaders } from '../server/src/channels/fixtures/wire-builders.ts';
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

// Attachments in Chromium against a real server: the agent attaches a picture (listed with its
// size, removable), sends it with the reply, the integration receives a signed URL that serves the
// same bytes, and the timeline shows the picture; on X the button is off and says why.

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const SIGNING_SECRET = 'e2e-attachments-signing-secret';
const X_SECRET = 'e2e-attachments-x-secret';
const X_BRAND = '1500000000000000555';
// A real 1×1 PNG, so the thumbnail has to decode in the browser.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(!hasChromium)('reply attachments in Chromium', () => {
  let server: DeskServer;
  let receiver: CallbackReceiver;
  let browser: Browser;
  let page: Page;
  let apiChannelId: string;
  let xChannelId: string;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    [server, browser] = await Promise.all([
      startDeskServer(buildWeb(), 'lead@attachments.parley.dev'),
      launchBrowser(),
    ]);
    const admin = await apiSession(server.baseUrl, server.adminEmail, server.adminPassword);
    apiChannelId = (
      await admin.call<{ id: string }>('POST', '/channels', {
        provider: 'api',
        name: 'Website',
        settings: { callbackUrl: receiver.url },
        secrets: { signingSecret: SIGNING_SECRET },
      })
    ).id;
    xChannelId = (
      await admin.call<{ id: string }>('POST', '/channels', {
        provider: 'x',
        name: 'X @Outfitters',
        settings: { userId: X_BRAND },
        secrets: { signingSecret: X_SECRET, accessToken: 'x-token' },
      })
    ).id;
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(`${server.baseUrl}/inbox`);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.stream-live').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  async function open(text: string): Promise<void> {
    const row = page.locator('[role="option"]', { hasText: text });
    await row.waitFor();
    await row.click();
    await page.locator('.timeline .entry.message.in', { hasText: text }).waitFor();
  }

  it('attaches a picture, sends it with the reply, and shows it in the timeline', async () => {
    const question = 'Can you send me the return label?';
    await postToApiChannel(server.baseUrl, apiChannelId, SIGNING_SECRET, {
      type: 'message',
      occurredAt: new Date().toISOString(),
      author: { id: 'cust-attach', name: 'Lee Label' },
      message: { id: 'ext-attach-1', text: question },
    });
    await open(question);
    const fileInput = page.locator('.attach input[type="file"]');
    await fileInput.setInputFiles({ name: 'wrong.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Remove wrong.png' }).click();
    await fileInput.setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: PNG });
    const listed = page.getByRole('list', { name: 'Attached files' }).getByRole('listitem');
    await listed
      .filter({ hasText: 'label.png' })
      .filter({ hasText: `${PNG.length} B` })
      .waitFor();
    expect(await listed.count()).toBe(1);

    const text = 'Here is your label.';
    await page.locator('#composer-text').fill(text);
    await page.getByRole('button', { name: 'Send reply' }).click();
    const delivered = (await receiver.nextReply(text)) as unknown as {
      attachments: { name: string; mimeType: string; url: string }[];
    };
    expect(delivered.attachments).toHaveLength(1);
    expect(delivered.attachments[0]).toMatchObject({ name: 'label.png', mimeType: 'image/png' });
    const fetched = await fetch(delivered.attachments[0]!.url);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PNG)).toBe(true);

    const thumbnail = page.locator('.timeline .entry.message.out .message-attachments img[alt="label.png"]');
    await thumbnail.waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector('.message-attachments img') as HTMLImageElement | null)?.naturalWidth === 1,
    );
    expect(await page.getByRole('list', { name: 'Attached files' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}attachments-sent.png` });
  }, 60_000);

  it('turns the button off on X and says why', async () => {
    const text = 'Do you ship to Canada?';
    const body = JSON.stringify(
      xDirectMessage({
        forUserId: X_BRAND,
        id: 'dm-attach-1',
        sender: { id: '4242', screenName: 'canada_kim' },
        recipientId: X_BRAND,
        text,
        at: new Date(),
      }),
    );
    const res = await fetch(`${server.baseUrl}/webhooks/x/${xChannelId}`, {
      method: 'POST',
      headers: xSignatureHeaders(body, X_SECRET),
      body,
    });
    expect(res.status).toBe(200);
    await open(text);
    const button = page.getByRole('button', { name: 'Attach file' });
    expect(await button.isDisabled()).toBe(true);
    const hintId = await button.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toBe(
      'Parley cannot attach files to X posts or DMs yet.',
    );
  }, 60_000);
});
