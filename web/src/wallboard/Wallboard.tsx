import { useMemo, useState } from 'react';
import { describeFailure, type PresenceStatus, routingApi } from '../api/routing.ts';
import { useDesk, useStoreVersion } from '../app/desk-context.tsx';
import { PRESENCE_LABEL } from '../app/PresenceSelect.tsx';
import { PresenceDot } from '../inbox/PresenceDot.tsx';
import { formatWait } from '../ui/format.ts';
import { useNow } from '../ui/use-now.ts';
import { ApprovalQueue } from './ApprovalQueue.tsx';
import { useAgentBoard } from './agent-board.ts';
import { BarChart } from './BarChart.tsx';
import { SentimentMix } from './SentimentMix.tsx';
import { type AgentLoad, computeWallboard } from './stats.ts';
import './wallboard.css';

/**
 * Live figures for supervisors: everything is computed from the desk's in-memory conversations
 * (kept current by the event stream) and routing's agent board (presence events), so nothing polls.
 */
export function Wallboard() {
  const { me, store, users, channels } = useDesk();
  const version = useStoreVersion(store);
  const board = useAgentBoard();
  const nowMs = useNow(5000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version and board.version are how the stores say they changed
  const stats = useMemo(
    () =>
      computeWallboard({
        conversations: store.byId.values(),
        agents: board.isLoaded ? [...board.agents.values()] : null,
        members: users,
        channels,
        teams: board.teams,
        channelWorkKinds: board.channelWorkKinds,
        channelTeamIds: board.channelTeamIds,
        nowMs,
      }),
    [store, version, board, board.version, users, channels, nowMs],
  );
  const longestWait =
    stats.longestWaitMs === null
      ? '—'
      : formatWait(new Date(nowMs - stats.longestWaitMs).toISOString(), nowMs);
  const canSetPresence = me.role !== 'agent';

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
          label="SLA at risk"
          value={stats.slaAtRisk}
          testId="sla-at-risk"
          tone={stats.slaAtRisk > 0 ? 'warn' : undefined}
        />
        <Tile
          label="SLA breached"
          value={stats.slaBreached}
          testId="sla-breached"
          tone={stats.slaBreached > 0 ? 'bad' : undefined}
        />
        <Tile
          label="Agents online"
          value={`${stats.presenceCounts.online} of ${stats.agents.length}`}
          testId="agents-online"
        />
        <Tile
          label="Urgent + high"
          value={stats.byPriority.urgent + stats.byPriority.high}
          testId="urgent-high"
        />
      </div>
      <ApprovalQueue />
      <div className="charts">
        <BarChart
          title="Queue by channel"
          bars={stats.byChannel.map((c) => ({ label: c.name, value: c.open }))}
        />
        <BarChart title="Queue by team" bars={stats.byTeam.map((t) => ({ label: t.name, value: t.open }))} />
        <BarChart
          title="Open by priority"
          bars={(['urgent', 'high', 'normal', 'low'] as const).map((p) => ({
            label: p,
            value: stats.byPriority[p],
            className: `priority-${p}`,
          }))}
        />
        <SentimentMix mix={stats.sentimentLastHour} />
      </div>
      <section aria-labelledby="agents-title">
        <h2 id="agents-title">
          Agents{' '}
          <span className="small">
            {stats.presenceCounts.online} online · {stats.presenceCounts.away} away ·{' '}
            {stats.presenceCounts.offline} offline
          </span>
        </h2>
        <table className="agents">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Presence</th>
              <th scope="col">Role</th>
              <th scope="col">Open load</th>
              <th scope="col">Load by kind of work (open / capacity)</th>
            </tr>
          </thead>
          <tbody>
            {stats.agents.map((a) => (
              <AgentRow key={a.id} agent={a} canSetPresence={canSetPresence} />
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

function AgentRow({ agent: a, canSetPresence }: { agent: AgentLoad; canSetPresence: boolean }) {
  const board = useAgentBoard();
  const [error, setError] = useState<string | null>(null);
  const setPresence = async (status: PresenceStatus) => {
    setError(null);
    try {
      const saved = await routingApi.setAgentPresence(a.id, status);
      board.setPresence(a.id, saved.status, saved.setBy, saved.changedAt);
    } catch (failure) {
      setError(describeFailure(failure, 'Could not change presence'));
    }
  };
  return (
    <tr data-agent-id={a.id} className={a.isOverCapacity ? 'over-capacity' : undefined}>
      <td>{a.name}</td>
      <td data-testid="agent-presence">
        <span className="presence-cell">
          <PresenceDot status={a.presence} name={a.name} />
          {canSetPresence ? (
            <label>
              <span className="visually-hidden">Presence of {a.name}</span>
              <select
                value={a.presence}
                onChange={(event) => void setPresence(event.target.value as PresenceStatus)}
              >
                {(Object.keys(PRESENCE_LABEL) as PresenceStatus[]).map((s) => (
                  <option key={s} value={s}>
                    {PRESENCE_LABEL[s]}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            PRESENCE_LABEL[a.presence]
          )}
        </span>
        {error ? (
          <span role="alert" className="error">
            {error}
          </span>
        ) : null}
      </td>
      <td>{a.role}</td>
      <td data-testid="agent-load">{a.open}</td>
      <td>
        {a.kinds.length === 0
          ? '—'
          : a.kinds.map((k) => (
              <span key={k.kind} className={`kind-load${k.open > k.capacity ? ' is-over' : ''}`}>
                {k.kind} {k.open}/{k.capacity}
                {k.open > k.capacity ? <span className="visually-hidden"> (over capacity)</span> : null}
              </span>
            ))}
      </td>
    </tr>
  );
}

function Tile({
  label,
  value,
  testId,
  tone,
}: {
  label: string;
  value: number | string;
  testId: string;
  tone?: 'warn' | 'bad' | undefined;
}) {
  return (
    <div className={`tile${tone ? ` tile-${tone}` : ''}`}>
      <div className="tile-value" data-testid={`tile-${testId}`}>
        {value}
      </div>
      <div className="tile-label">{label}</div>
    </div>
  );
}
