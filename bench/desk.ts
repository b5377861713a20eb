// bench:desk — 5,000 open conversations, the inbox in Chromium: first render and a filter change,
// read from the app's performance marks (inbox:first-rows; inbox:filter-start → inbox:filter-rendered).
// Prints one JSON line. Needs /usr/bin/chromium.
import cliProgress from 'cli-progress';
import { launchChromium } from '../e2e/support/browser.ts';
import {
  apiSession,
  buildWeb,
  hasChromium,
  postToApiChannel,
  startDeskServer,
} from '../e2e/support/desk-server.ts';
import { countMessagesCreated } from './lib/stream-counter.ts';

const CONVERSATIONS = Number(process.env.DESK_CONVERSATIONS ?? 5000);
const RUNS = 5;
const SECRET = 'bench-desk-signing-secret';
const BATCH = 500;

if (!hasChromium) {
  process.stderr.write('bench:desk needs /usr/bin/chromium (apt-get install -y chromium)\n');
  process.exit(1);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * Where the first render's time went, from navigation start. A string, evaluated in the page as is
 * (tsx would wrap named inner functions in a helper the page does not have).
 */
const TIMELINE_JS = `(() => {
  const resources = performance.getEntriesByType('resource');
  const find = (part) => resources.find((r) => r.name.includes(part));
  const nav = performance.getEntriesByType('navigation')[0];
  const page = find('/conversations?');
  return {
    html_ms: Math.round(nav ? nav.responseEnd : -1),
    script_ms: Math.round(find('/assets/index-')?.responseEnd ?? -1),
    me_ms: Math.round(find('/auth/me')?.responseEnd ?? -1),
    first_page_ms: Math.round(page ? page.responseEnd : -1),
    first_page_api_ms: Math.round(page ? page.responseEnd - page.requestStart : -1),
    first_rows_ms: Math.round(performance.getEntriesByName('inbox:first-rows')[0]?.startTime ?? -1),
  };
})()`;

interface Timeline {
  html_ms: number;
  script_ms: number;
  me_ms: number;
  first_page_ms: number;
  first_page_api_ms: number;
  first_rows_ms: number;
}

function fullyLoaded(page: import('playwright-core').Page) {
  return page.waitForFunction(
    () =>
      document.querySelector('.queue-summary')?.textContent?.includes('conversation') &&
      !document.querySelector('.queue-summary')?.textContent?.includes('loading'),
    undefined,
    { timeout: 120_000 },
  );
}

const server = await startDeskServer(buildWeb(), 'bench@desk.parley.dev');
try {
  const { call, cookie } = await apiSession(server.baseUrl, server.adminEmail, server.adminPassword);
  const channels = [];
  for (const name of ['Website', 'App']) {
    channels.push(
      await call<{ id: string }>('POST', '/channels', {
        provider: 'api',
        name,
        settings: { callbackUrl: 'http://127.0.0.1:9/unused' },
        secrets: { signingSecret: SECRET },
      }),
    );
  }
  // Each customer writes once: one open conversation each, split across the two channels.
  const counter = await countMessagesCreated(server.baseUrl, cookie);
  const bar = new cliProgress.SingleBar({ stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(CONVERSATIONS, 0);
  const now = Date.now();
  for (let start = 0; start < CONVERSATIONS; start += BATCH) {
    const end = Math.min(CONVERSATIONS, start + BATCH);
    for (const [c, channel] of channels.entries()) {
      const events = [];
      for (let i = start; i < end; i += 1) {
        if (i % channels.length !== c) continue;
        events.push({
          type: 'message',
          occurredAt: new Date(now - (CONVERSATIONS - i) * 1000).toISOString(),
          author: {
            id: `cust-${i}`,
            name: `Customer ${i}`,
            handle: `customer${i}`,
            followerCount: (i * 37) % 9000,
          },
          message: { id: `m-${i}`, text: `Order ${i} has not arrived, please help`, isPublic: i % 3 === 0 },
        });
      }
      await postToApiChannel(server.baseUrl, channel.id, SECRET, { events });
    }
    bar.update(end);
  }
  bar.stop();
  await counter.reached(CONVERSATIONS, 600_000);
  counter.close();

  const browser = await launchChromium();
  await browser.addCookies([
    {
      name: cookie.split('=')[0] ?? '',
      value: cookie.slice(cookie.indexOf('=') + 1),
      url: server.baseUrl,
    },
  ]);
  const page = await browser.newPage();
  const firstRender: number[] = [];
  const firstPageApi: number[] = [];
  const clientRender: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.goto(`${server.baseUrl}/inbox`);
    await page.waitForFunction(() => performance.getEntriesByName('inbox:first-rows').length > 0, undefined, {
      timeout: 60_000,
    });
    firstRender.push(
      await page.evaluate(() => performance.getEntriesByName('inbox:first-rows')[0]?.startTime ?? NaN),
    );
    const parts = (await page.evaluate(TIMELINE_JS)) as Timeline;
    process.stderr.write(`run ${run}: ${JSON.stringify(parts)}\n`);
    firstPageApi.push(parts.first_page_api_ms);
    clientRender.push(parts.first_rows_ms - Math.max(parts.first_page_ms, parts.me_ms));
    // Let the background load finish so the next run does not queue behind this one's pages.
    await fullyLoaded(page);
  }
  const filterChange: number[] = [];
  for (let run = 0; run < RUNS * 2; run += 1) {
    const value = run % 2 === 0 ? (channels[1]?.id ?? '') : '';
    await page.evaluate(() => {
      performance.clearMarks('inbox:filter-start');
      performance.clearMarks('inbox:filter-rendered');
    });
    await page.locator('.filters select[name="channel"]').selectOption(value);
    await page.waitForFunction(() => performance.getEntriesByName('inbox:filter-rendered').length > 0);
    filterChange.push(
      await page.evaluate(
        () => performance.measure('filter', 'inbox:filter-start', 'inbox:filter-rendered').duration,
      ),
    );
  }
  const rows = await page.locator('.queue-summary').textContent();
  await browser.close();
  process.stdout.write(
    `${JSON.stringify({
      conversations: CONVERSATIONS,
      first_render_ms: Math.round(median(firstRender)),
      first_render_max_ms: Math.round(Math.max(...firstRender)),
      first_page_api_ms: Math.round(median(firstPageApi)),
      first_render_after_data_ms: Math.round(median(clientRender)),
      filter_change_ms: Math.round(median(filterChange)),
      filter_change_max_ms: Math.round(Math.max(...filterChange)),
      listed_after_last_filter: Number.parseInt(rows ?? '', 10),
      runs: RUNS,
    })}\n`,
  );
} finally {
  await server.stop();
}
