import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Costs, KpiRow } from './api.ts';
import { VolumeHeatmap } from './Heatmap.tsx';
import { KpiTable } from './KpiTable.tsx';
import { KpiTiles } from './KpiTiles.tsx';

const stats = (mean: number | null) => ({ count: mean === null ? 0 : 1, mean, median: mean, p90: mean });
const attainment = { met: 3, breached: 1, attainment: 0.75 };
function row(key: string, label: string, resolutions: number, asa: number | null): KpiRow {
  return {
    key,
    label,
    volume: { inboundMessages: 10, newConversations: 4 },
    responseRate: 0.75,
    firstResponse: stats(asa),
    asaSeconds: asa,
    nextResponse: stats(600),
    resolution: stats(7200),
    timeToAssignment: stats(120),
    replies: 5,
    resolutions,
    firstContactResolution: { resolved: 4, count: 1, rate: 0.25 },
    firstTouchResolution: { count: 2, rate: 0.5 },
    reopen: { reopens: 1, reopenedConversations: 1, rate: 0.25 },
    unanswered: { count: 1, rate: 0.2 },
    sentimentTurnedAround: { startedNegative: 3, turned: 1, rate: 1 / 3 },
    handleTime: { totalSeconds: 4500, ahtSeconds: 900 },
    sla: { firstResponse: attainment, nextResponse: attainment, resolution: attainment },
    csat: { sent: 2, answered: 1, responseRate: 0.5, average: 5, satisfied: 1 },
    productivity: { onlineHours: 9.5, resolvedPerOnlineHour: 0.53, occupancy: 0.14, concurrency: 1.03 },
    costPerContact: 10,
  };
}
const costs: Costs = {
  currency: 'EUR',
  loadedHourlyCost: 40,
  referenceCosts: { phone: 6, email: 4, chat: 3 },
};

describe('analytics components', () => {
  it('tiles show each KPI with its definition as the title', () => {
    const html = renderToStaticMarkup(createElement(KpiTiles, { kpis: row('all', 'all', 5, 21_700), costs }));
    expect(html).toContain('ASA (first response)');
    expect(html).toContain('6.0 h'); // 21,700 s
    expect(html).toContain('25.0%'); // FCR
    expect(html).toContain('10.00 EUR');
    expect(html).toContain('title="Resolved with one agent reply and not reopened within the FCR window"');
  });

  it('tables start sorted by resolutions, most first', () => {
    const html = renderToStaticMarkup(
      createElement(KpiTable, {
        title: 'Agents',
        rows: [row('a', 'Ann', 2, 300), row('b', 'Bob', 7, null), row('c', 'Cat', 4, 60)],
        showProductivity: true,
        csvHref: '/x.csv',
      }),
    );
    const order = ['Ann', 'Bob', 'Cat'].sort((x, y) => html.indexOf(`<td>${x}`) - html.indexOf(`<td>${y}`));
    expect(order).toEqual(['Bob', 'Cat', 'Ann']);
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain('Occupancy');
  });

  it('the heatmap has a cell per weekday and hour', () => {
    const cells = [{ weekday: 2, hour: 10, inboundMessages: 4, newConversations: 1 }];
    const html = renderToStaticMarkup(createElement(VolumeHeatmap, { cells }));
    expect(html.match(/<td /g)).toHaveLength(7 * 24);
    expect(html).toContain('Tue 10:00 — 4 messages');
  });
});
