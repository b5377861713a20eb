import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import {
  apiSession,
  buildWeb,
  type CallbackReceiver,
  CHROMIUM_PATH,
  type DeskServer,
  hasChromium,
  postToApiChannel,
  startCallbackReceiver,
  startDeskServer,
} from './support/desk-server.ts';

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const SIGNING_SECRET = 'e2e-signing-secret';

if (!hasChromium) {
  // CI installs Chromium and sets PARLEY_E2E_REQUIRED: there a missing browser is a failure.
  if (process.env.PARLEY_E2E_REQUIRED)
    throw new Error(`${CHROMIUM_PATH} is missing but the e2e tests are required`);
  console.warn(`e2e skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)('agent desk in Chromium', () => {
  let server: DeskServer;
  let receiver: CallbackReceiver;
  let browser: BrowserContext;
  let channelId: string;
  let bea: { id: string; name: string };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    receiver = await startCallbackReceiver();
    server = await startDeskServer(buildWeb(), 'lead@e2e.parley.dev');
    const { call } = await apiSession(server.baseUrl, server.adminEmail, server.adminPassword);
    ({ member: bea } = await call<{ member: { id: string; name: string } }>('POST', '/users', {
      email: 'bea@e2e.parley.dev',
      name: 'Bea Agent',
      role: 'agent',
      password: 'bea-password-123',
    }));
    const channel = await call<{ id: string }>('POST', '/channels', {
      provider: 'api',
      name: 'Website',
      settings: { callbackUrl: receiver.url },
      secrets: { signingSecret: SIGNING_SECRET },
    });
    channelId = channel.id;
    await call('POST', '/canned-responses', {
      shortcut: 'replacement',
      title: 'Replacement shipping',
      body: 'Sorry about that, {{contact.first_name}}: a replacement ships today. {{agent.first_name}}',
      isShared: true,
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it('signs in, gets a live message, replies, assigns, resolves and the wallboard follows', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/inbox`);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wallboard' }).waitFor();
    await page.locator('.stream-live').waitFor();

    // A wallboard in a second tab, as a supervisor would keep open.
    const wallboard = await browser.newPage();
    await wallboard.goto(`${server.baseUrl}/wallboard`);
    await expectText(wallboard, '[data-testid="tile-open"]', '0');
    await wallboard.locator('.stream-live').waitFor();

    const text = 'My parcel 4471 never arrived, can you help?';
    await postToApiChannel(server.baseUrl, channelId, SIGNING_SECRET, {
      type: 'message',
      occurredAt: new Date().toISOString(),
      author: { id: 'cust-1', name: 'Casey Customer', handle: 'casey', followerCount: 1200 },
      message: { id: 'ext-msg-1', text, isPublic: false },
    });
    const row = page.locator('[role="option"]', { hasText: text });
    await row.waitFor(); // arrives over the WebSocket: no reload
    await expect(row.textContent()).resolves.toContain('Casey Customer');
    const conversationId = await row.getAttribute('data-conversation-id');
    await expectText(wallboard, '[data-testid="tile-open"]', '1');
    await expectText(wallboard, '[data-testid="tile-unassigned"]', '1');
    await page.screenshot({ path: `${ARTIFACTS}inbox.png` });

    // Keyboard first: help, select with j, open with Enter, r focuses the reply box.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });
    await page.keyboard.press('j');
    await page.locator(`[data-conversation-id="${conversationId}"][aria-selected="true"]`).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.timeline .entry.message.in', { hasText: text }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/inbox/${conversationId}`);
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.activeElement?.id === 'composer-text');
    // The reply is a canned response: `/` opens the picker, Enter inserts it with variables filled.
    await page.keyboard.type('/repl');
    await page.getByRole('list', { name: 'Canned responses' }).getByText('/replacement').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}canned-picker.png` });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      (document.getElementById('composer-text') as HTMLTextAreaElement | null)?.value.startsWith('Sorry'),
    );
    const reply = await page.locator('#composer-text').inputValue();
    expect(reply).toMatch(/^Sorry about that, Casey: a replacement ships today\. \S+$/);
    expect(reply).not.toContain('{{');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const delivered = await receiver.nextReply(reply);
    expect(delivered.text).toBe(reply);
    const sentEntry = page.locator('.timeline .entry.message.out', { hasText: reply });
    await expectText(page, '.timeline .entry.message.out [data-testid="delivery-status"]', 'sent');
    await sentEntry.waitFor();
    await page.screenshot({ path: `${ARTIFACTS}conversation.png` });

    await page.locator('.conversation-header select[name="assignee"]').selectOption(bea.id);
    await expectText(page, `[data-conversation-id="${conversationId}"] .assignee`, 'Bea Agent');
    await expectText(wallboard, '[data-testid="tile-unassigned"]', '0');
    await expectText(wallboard, `[data-agent-id="${bea.id}"] [data-testid="agent-load"]`, '1');
    await wallboard.screenshot({ path: `${ARTIFACTS}wallboard-assigned.png` });

    await page.getByRole('button', { name: 'Resolve (e)' }).click();
    await expectText(page, '[data-testid="conversation-status"]', 'resolved');
    await expectText(wallboard, '[data-testid="tile-open"]', '0');
    await expectText(wallboard, `[data-agent-id="${bea.id}"] [data-testid="agent-load"]`, '0');
    await wallboard.screenshot({ path: `${ARTIFACTS}wallboard-resolved.png` });

    // Presence: the agent goes online from the nav bar and the wallboard shows it live.
    await page.getByLabel('Your presence').selectOption('online');
    await expectText(wallboard, '[data-testid="tile-agents-online"]', '1 of 2');

    // The admin panels for canned responses and automation rules list what exists.
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Automation rules' }).waitFor();
    await page.getByRole('cell', { name: '/replacement' }).waitFor();
    const cannedPanel = page.locator('section[aria-labelledby="canned-title"]');
    await cannedPanel.scrollIntoViewIfNeeded();
    await cannedPanel.screenshot({ path: `${ARTIFACTS}admin-canned.png` });
    await page
      .locator('section[aria-labelledby="rules-title"]')
      .screenshot({ path: `${ARTIFACTS}admin-rules.png` });
    // Routing administration: the account's settings form.
    await page.getByRole('form', { name: 'Routing settings: Whole account' }).waitFor();
    await page
      .locator('section[aria-labelledby="routing-title"]')
      .screenshot({ path: `${ARTIFACTS}admin-routing.png` });
  }, 120_000);
});

/** Wait (on the page, no polling from here) until the element's text is exactly `expected`. */
async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel ?? '')?.textContent?.trim() === want,
    [selector, expected] as const,
    { timeout: 30_000 },
  );
}
