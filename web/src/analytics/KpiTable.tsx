import { useState } from 'react';
import type { Costs, KpiRow } from './api.ts';
import { formatDuration, formatNumber, formatPercent, sortRows } from './filters.ts';

interface Column {
  key: string;
  label: string;
  value: (row: KpiRow) => number | string | null;
  format: (row: KpiRow) => string;
}

const COLUMNS: Column[] = [
  { key: 'label', label: 'Name', value: (r) => r.label, format: (r) => r.label },
  {
    key: 'new',
    label: 'New',
    value: (r) => r.volume.newConversations,
    format: (r) => formatNumber(r.volume.newConversations),
  },
  { key: 'replies', label: 'Replies', value: (r) => r.replies, format: (r) => formatNumber(r.replies) },
  {
    key: 'resolved',
    label: 'Resolved',
    value: (r) => r.resolutions,
    format: (r) => formatNumber(r.resolutions),
  },
  {
    key: 'asa',
    label: 'ASA',
    value: (r) => r.firstResponse.mean,
    format: (r) => formatDuration(r.firstResponse.mean),
  },
  {
    key: 'frtP90',
    label: 'FRT p90',
    value: (r) => r.firstResponse.p90,
    format: (r) => formatDuration(r.firstResponse.p90),
  },
  {
    key: 'resolution',
    label: 'Resolution',
    value: (r) => r.resolution.median,
    format: (r) => formatDuration(r.resolution.median),
  },
  {
    key: 'fcr',
    label: 'FCR',
    value: (r) => r.firstContactResolution.rate,
    format: (r) => formatPercent(r.firstContactResolution.rate),
  },
  {
    key: 'aht',
    label: 'AHT',
    value: (r) => r.handleTime.ahtSeconds,
    format: (r) => formatDuration(r.handleTime.ahtSeconds),
  },
  {
    key: 'sla',
    label: 'SLA (first)',
    value: (r) => r.sla.firstResponse.attainment,
    format: (r) => formatPercent(r.sla.firstResponse.attainment),
  },
  {
    key: 'csat',
    label: 'CSAT',
    value: (r) => r.csat.average,
    format: (r) => formatNumber(r.csat.average, 2),
  },
  {
    key: 'perHour',
    label: 'Resolved / online h',
    value: (r) => r.productivity?.resolvedPerOnlineHour ?? null,
    format: (r) => formatNumber(r.productivity?.resolvedPerOnlineHour ?? null, 2),
  },
  {
    key: 'occupancy',
    label: 'Occupancy',
    value: (r) => r.productivity?.occupancy ?? null,
    format: (r) => formatPercent(r.productivity?.occupancy),
  },
  {
    key: 'concurrency',
    label: 'Concurrency',
    value: (r) => r.productivity?.concurrency ?? null,
    format: (r) => formatNumber(r.productivity?.concurrency ?? null, 2),
  },
  {
    key: 'cost',
    label: 'Cost / contact',
    value: (r) => r.costPerContact,
    format: (r) => formatNumber(r.costPerContact, 2),
  },
];

/** A sortable table of KPIs per agent, team, channel or other dimension; click a heading to sort. */
export function KpiTable({
  title,
  rows,
  costs,
  showProductivity,
  csvHref,
}: {
  title: string;
  rows: KpiRow[];
  costs?: Costs;
  showProductivity: boolean;
  csvHref: string;
}) {
  const [sort, setSort] = useState<{ key: string; isDescending: boolean }>({
    key: 'resolved',
    isDescending: true,
  });
  const columns = COLUMNS.filter(
    (c) => showProductivity || !['perHour', 'occupancy', 'concurrency'].includes(c.key),
  );
  const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
  const sorted = sortRows(rows, column.value, sort.isDescending);
  return (
    <section className="analytics-panel analytics-table" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <a href={csvHref} download>
          CSV
        </a>
      </header>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.isDescending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      setSort({
                        key: c.key,
                        isDescending: sort.key === c.key ? !sort.isDescending : c.key !== 'label',
                      })
                    }
                  >
                    {c.label}
                    {sort.key === c.key ? (sort.isDescending ? ' ↓' : ' ↑') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>Nothing in this range.</td>
              </tr>
            ) : (
              sorted.map((row) => (
                <tr key={row.key || 'none'}>
                  {columns.map((c) => (
                    <td key={c.key}>{c.format(row)}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {costs ? (
        <p className="analytics-note">
          Cost per contact at {formatNumber(costs.loadedHourlyCost, 2)} {costs.currency} per agent hour;
          reference costs per contact: phone {formatNumber(costs.referenceCosts.phone, 2)}, email{' '}
          {formatNumber(costs.referenceCosts.email, 2)}, chat {formatNumber(costs.referenceCosts.chat, 2)}{' '}
          {costs.currency}.
        </p>
      ) : null}
    </section>
  );
}
