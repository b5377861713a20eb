import { useMemo } from 'react';
import { useDesk, useStoreVersion } from '../app/desk-context.tsx';
import { formatWait } from '../ui/format.ts';
import { useNow } from '../ui/use-now.ts';
import { BarChart } from './BarChart.tsx';
import { computeWallboard } from './stats.ts';

export function Wallboard() {
  const { store, users, channels } = useDesk();
  const version = useStoreVersion(store);
  const nowMs = useNow(5000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the store says it changed
  const stats = useMemo(
    () => computeWallboard(store.byId.values(), users, channels, nowMs),
    [store, version, users, channels, nowMs],
  );
  const longestWait =
    stats.longestWaitMs === null
      ? '—'
      : formatWait(new Date(nowMs - stats.longestWaitMs).toISOString(), nowMs);

  return (
    <main className="wallboard" aria-labelledby="wallboard-title">
      <h1 id="wallboard-title">
        Wallboard {store.isOpenLoaded ? '' : <span className="small">(loading…)</span>}
      </h1>
      <div className="tiles">
        <Tile label="Open conversations" value={stats.openTotal} testId="open" />
        <Tile label="Unassigned" value={stats.unassigned} testId="unassigned" />
        <Tile label="Longest wait" value={longestWait} testId="longest-wait" />
        <Tile
          label="Urgent + high"
          value={stats.byPriority.urgent + stats.byPriority.high}
          testId="urgent-high"
        />
      </div>
      <div className="charts">
        <BarChart
          title="Queue by channel"
          bars={stats.byChannel.map((c) => ({ label: c.name, value: c.open }))}
        />
        <BarChart
          title="Open by priority"
          bars={(['urgent', 'high', 'normal', 'low'] as const).map((p) => ({
            label: p,
            value: stats.byPriority[p],
            className: `priority-${p}`,
          }))}
        />
      </div>
      <section aria-labelledby="agents-title">
        <h2 id="agents-title">Agents</h2>
        <table className="agents">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Role</th>
              <th scope="col">Open load</th>
            </tr>
          </thead>
          <tbody>
            {stats.agents.map((a) => (
              <tr key={a.id} data-agent-id={a.id}>
                <td>{a.name}</td>
                <td>{a.role}</td>
                <td data-testid="agent-load">{a.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

function Tile({ label, value, testId }: { label: string; value: number | string; testId: string }) {
  return (
    <div className="tile">
      <div className="tile-value" data-testid={`tile-${testId}`}>
        {value}
      </div>
      <div className="tile-label">{label}</div>
    </div>
  );
}
