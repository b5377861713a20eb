import type { Costs, KpiRow } from './api.ts';
import { formatDuration, formatNumber, formatPercent } from './filters.ts';

interface Tile {
  label: string;
  value: string;
  detail?: string;
  title: string;
}

/** The headline numbers; each tile's title is its definition (docs/metrics.md). */
export function KpiTiles({ kpis, costs }: { kpis: KpiRow; costs: Costs }) {
  const money = (v: number | null) => (v === null ? '–' : `${formatNumber(v, 2)} ${costs.currency}`);
  const tiles: Tile[] = [
    {
      label: 'Inbound messages',
      value: formatNumber(kpis.volume.inboundMessages),
      detail: `${formatNumber(kpis.volume.newConversations)} new conversations`,
      title: 'Customer messages received; new conversations are cases opened',
    },
    {
      label: 'Response rate',
      value: formatPercent(kpis.responseRate),
      title: 'Share of cases started in the range that got an agent reply',
    },
    {
      label: 'ASA (first response)',
      value: formatDuration(kpis.asaSeconds),
      detail: `median ${formatDuration(kpis.firstResponse.median)} · p90 ${formatDuration(kpis.firstResponse.p90)}`,
      title: "Mean time from the customer's first message to the first agent reply",
    },
    {
      label: 'Next response',
      value: formatDuration(kpis.nextResponse.mean),
      detail: `median ${formatDuration(kpis.nextResponse.median)} · p90 ${formatDuration(kpis.nextResponse.p90)}`,
      title: 'Mean time from a waiting customer message to the next agent reply',
    },
    {
      label: 'Resolution time',
      value: formatDuration(kpis.resolution.mean),
      detail: `median ${formatDuration(kpis.resolution.median)} · p90 ${formatDuration(kpis.resolution.p90)}`,
      title: 'First customer message to first resolution, once per conversation',
    },
    {
      label: 'Time to assignment',
      value: formatDuration(kpis.timeToAssignment.mean),
      title: 'First customer message to first assignment to an agent',
    },
    {
      label: 'FCR',
      value: formatPercent(kpis.firstContactResolution.rate),
      detail: `first touch ${formatPercent(kpis.firstTouchResolution.rate)}`,
      title: 'Resolved with one agent reply and not reopened within the FCR window',
    },
    {
      label: 'Reopen rate',
      value: formatPercent(kpis.reopen.rate),
      detail: `${formatNumber(kpis.reopen.reopens)} reopens`,
      title: 'Share of cases first resolved in the range that were reopened since',
    },
    {
      label: 'Unanswered',
      value: formatNumber(kpis.unanswered.count),
      detail: formatPercent(kpis.unanswered.rate),
      title: 'Resolved or closed without any agent reply',
    },
    {
      label: 'AHT',
      value: formatDuration(kpis.handleTime.ahtSeconds),
      title: 'Agents’ active (viewing/typing) time per resolution',
    },
    {
      label: 'SLA attainment',
      value: formatPercent(kpis.sla.firstResponse.attainment),
      detail: `next ${formatPercent(kpis.sla.nextResponse.attainment)} · resolution ${formatPercent(kpis.sla.resolution.attainment)}`,
      title: 'First response clocks met ÷ decided; next response and resolution beside',
    },
    {
      label: 'Sentiment turned around',
      value: formatPercent(kpis.sentimentTurnedAround.rate),
      detail: `of ${formatNumber(kpis.sentimentTurnedAround.startedNegative)} negative starts`,
      title: 'Cases starting negative whose last customer message is neutral or positive',
    },
    {
      label: 'CSAT',
      value: kpis.csat.average === null ? '–' : formatNumber(kpis.csat.average, 2),
      detail: `${formatPercent(kpis.csat.responseRate)} answered · ${formatPercent(kpis.csat.satisfied)} 4–5`,
      title: 'Mean 1–5 survey answer; response rate = answers ÷ surveys sent',
    },
    {
      label: 'Resolved per online hour',
      value: formatNumber(kpis.productivity?.resolvedPerOnlineHour ?? null, 2),
      detail: `occupancy ${formatPercent(kpis.productivity?.occupancy)} · concurrency ${formatNumber(kpis.productivity?.concurrency ?? null, 2)}`,
      title: 'Resolutions ÷ agent hours online; occupancy = busy ÷ online; concurrency = handling ÷ busy',
    },
    {
      label: 'Cost per contact',
      value: money(kpis.costPerContact),
      detail: `phone ${money(costs.referenceCosts.phone)} · email ${money(costs.referenceCosts.email)} · chat ${money(costs.referenceCosts.chat)}`,
      title: `Handle hours × ${costs.loadedHourlyCost} ${costs.currency}/h ÷ resolutions, beside reference costs`,
    },
  ];
  return (
    <ul className="kpi-tiles" aria-label="Key figures">
      {tiles.map((tile) => (
        <li key={tile.label} title={tile.title}>
          <span className="kpi-label">{tile.label}</span>
          <strong className="kpi-value">{tile.value}</strong>
          {tile.detail ? <span className="kpi-detail">{tile.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
