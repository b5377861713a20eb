import { useCallback, useEffect, useState } from 'react';
import { useDesk } from '../app/desk-context.tsx';
import { AlertList } from './AlertList.tsx';
import { type ListeningAlert, listeningApi, type Monitor, type Trends } from './api.ts';
import { MentionStream } from './MentionStream.tsx';
import { MonitorsPanel } from './MonitorsPanel.tsx';
import { ComplaintClusters, ShareOfVoice, TopTopics, VolumeSentimentChart } from './TrendCharts.tsx';
import './listening.css';

const RANGES = {
  '6h': { ms: 6 * 3_600_000, bucket: '5m' },
  '24h': { ms: 86_400_000, bucket: '15m' },
  '7d': { ms: 7 * 86_400_000, bucket: '1h' },
} as const;
type Range = keyof typeof RANGES;

/** Social listening: charts and trends for supervisors, alert history, and the mention stream. */
export function ListeningPage() {
  const { me, stream } = useDesk();
  const isLead = me.role !== 'agent';
  const [monitors, setMonitors] = useState<Monitor[]>([]);
  const [alerts, setAlerts] = useState<ListeningAlert[]>([]);
  const [trends, setTrends] = useState<Trends | null>(null);
  const [range, setRange] = useState<Range>('24h');
  const [monitorId, setMonitorId] = useState('');
  const [newMentions, setNewMentions] = useState(0);
  const [refreshKey, setRefreshKey] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const loadMonitors = useCallback(() => {
    listeningApi.monitors().then(setMonitors, (e: Error) => setError(e.message));
  }, []);
  useEffect(loadMonitors, [loadMonitors]);
  useEffect(() => {
    listeningApi.alerts().then(
      (r) => setAlerts(r.items),
      (e: Error) => setError(e.message),
    );
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey reloads the trends on demand
  useEffect(() => {
    if (!isLead) return;
    const to = new Date();
    const spec = RANGES[range];
    listeningApi
      .trends({
        from: new Date(to.getTime() - spec.ms).toISOString(),
        to: to.toISOString(),
        bucket: spec.bucket,
        ...(monitorId ? { monitorId } : {}),
      })
      .then(setTrends, (e: Error) => setError(e.message));
  }, [isLead, range, monitorId, refreshKey]);

  // New alerts and their updates arrive on the realtime stream; mentions only raise a counter.
  useEffect(
    () =>
      stream.subscribe((event) => {
        if (event.type === 'listening.alert') {
          const alert = event.payload.alert as ListeningAlert;
          setAlerts((list) => [alert, ...list.filter((a) => a.id !== alert.id)]);
        } else if (event.type === 'listening.mentions') {
          setNewMentions((n) => n + Number(event.payload.stored ?? 0));
        }
      }),
    [stream],
  );

  const openAlerts = alerts.filter((a) => a.status === 'open');
  return (
    <main className="listening">
      <header className="listening-head">
        <h1>Listening</h1>
        {openAlerts.length > 0 ? (
          <span className="badge badge-open" role="status">
            {openAlerts.length} open alert{openAlerts.length > 1 ? 's' : ''}
          </span>
        ) : null}
        {newMentions > 0 ? (
          <button
            type="button"
            onClick={() => {
              setNewMentions(0);
              setRefreshKey((k) => k + 1);
            }}
          >
            {newMentions} new mentions: refresh
          </button>
        ) : null}
      </header>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {isLead ? (
        <>
          <div className="listening-controls">
            <label>
              Window
              <select value={range} onChange={(e) => setRange(e.target.value as Range)}>
                <option value="6h">Last 6 hours</option>
                <option value="24h">Last 24 hours</option>
                <option value="7d">Last 7 days</option>
              </select>
            </label>
            <label>
              Monitor
              <select value={monitorId} onChange={(e) => setMonitorId(e.target.value)}>
                <option value="">All monitors</option>
                {monitors.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            {trends ? (
              <span className="muted">{trends.mentionCount.toLocaleString()} mentions in window</span>
            ) : null}
          </div>
          <div className="listening-grid">
            <section className="panel wide" aria-label="Volume and sentiment">
              <h2>Volume and sentiment</h2>
              {trends ? (
                <VolumeSentimentChart buckets={trends.sentimentOverTime} bucketMs={trends.bucketMs} />
              ) : (
                <p>Loading…</p>
              )}
            </section>
            <section className="panel" aria-label="Alert history">
              <h2>Alerts</h2>
              <AlertList alerts={alerts} />
            </section>
            <section className="panel topics" aria-label="Top topics">
              <h2>Top topics</h2>
              {trends ? <TopTopics trends={trends} /> : null}
            </section>
            <section className="panel" aria-label="Share of voice">
              <h2>Share of voice</h2>
              {trends ? <ShareOfVoice rows={trends.shareOfVoice} /> : null}
            </section>
            <section className="panel wide" aria-label="Complaint clusters">
              <h2>Recurring complaints</h2>
              {trends ? <ComplaintClusters clusters={trends.complaintClusters} /> : null}
            </section>
          </div>
        </>
      ) : (
        <section className="panel" aria-label="Alert history">
          <h2>Alerts</h2>
          <AlertList alerts={alerts} />
        </section>
      )}
      <section className="panel" aria-label="Mentions">
        <h2>Mentions</h2>
        <MentionStream monitors={monitors} refreshKey={refreshKey} />
      </section>
      <section className="panel" aria-label="Monitors">
        <h2>Monitors</h2>
        <MonitorsPanel monitors={monitors} canEdit={isLead} onChanged={loadMonitors} />
      </section>
    </main>
  );
}
