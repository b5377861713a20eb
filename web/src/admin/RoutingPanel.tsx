import { useCallback, useEffect, useState } from 'react';
import {
  describeFailure,
  type RoutingSettings,
  type RoutingSettingsOverview,
  routingApi,
} from '../api/routing.ts';
import { useDesk } from '../app/desk-context.tsx';
import { providerLabel } from '../ui/format.ts';
import { useAgentBoard } from '../wallboard/agent-board.ts';
import { RoutingSettingsForm } from './RoutingSettingsForm.tsx';

type Key = keyof RoutingSettings;
const ACCOUNT_FIELDS: Key[] = [
  'strategy',
  'autoAssign',
  'queueOrder',
  'noReplyReassignMinutes',
  'reassignWhenAway',
  'awayAfterMinutes',
  'offlineAfterMinutes',
  'defaultCapacity',
];
const TEAM_FIELDS: Key[] = [
  'strategy',
  'autoAssign',
  'queueOrder',
  'noReplyReassignMinutes',
  'reassignWhenAway',
];
const CHANNEL_FIELDS: Key[] = [
  'teamId',
  'slaPolicyId',
  'workKind',
  'requiredSkills',
  'strategy',
  'autoAssign',
  'noReplyReassignMinutes',
];

/**
 * Routing settings: the account's, then overrides per team and per channel (the team handling the
 * work has the last word: defaults ⊕ account ⊕ channel ⊕ team).
 */
export function RoutingPanel() {
  const { channels } = useDesk();
  const board = useAgentBoard();
  const [overview, setOverview] = useState<RoutingSettingsOverview | null>(null);
  const [policies, setPolicies] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([routingApi.settings(), routingApi.slaPolicies()]).then(
      ([settings, sla]) => {
        setOverview(settings);
        setPolicies(sla.items);
      },
      (failure: unknown) => setError(describeFailure(failure, 'Could not load routing settings')),
    );
  }, []);
  useEffect(load, [load]);

  const saved = () => {
    load();
    void board.reload();
  };

  if (!overview)
    return (
      <section aria-labelledby="routing-title" className="panel routing-admin">
        <h2 id="routing-title">Routing</h2>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : (
          <p className="loading">Loading…</p>
        )}
      </section>
    );
  const accountEffective: RoutingSettings = { ...overview.defaults, ...overview.account } as RoutingSettings;
  const common = { overview, teams: board.teams, slaPolicies: policies, onSaved: saved };
  return (
    <section aria-labelledby="routing-title" className="panel routing-admin">
      <h2 id="routing-title">Routing</h2>
      <datalist id="work-kinds">
        <option value="chat" />
        <option value="social" />
        <option value="call" />
      </datalist>
      <RoutingSettingsForm
        {...common}
        scope="account"
        scopeId="current"
        title="Whole account"
        inherited={overview.defaults}
        fields={ACCOUNT_FIELDS}
      />
      <h3>Per team</h3>
      {board.teams.length === 0 ? (
        <p className="hint">Create a team above to give it its own routing.</p>
      ) : null}
      {board.teams.map((team) => (
        <RoutingSettingsForm
          {...common}
          key={team.id}
          scope="team"
          scopeId={team.id}
          title={`Team ${team.name}`}
          inherited={accountEffective}
          fields={TEAM_FIELDS}
        />
      ))}
      <h3>Per channel</h3>
      {channels.map((channel) => (
        <RoutingSettingsForm
          {...common}
          key={channel.id}
          scope="channel"
          scopeId={channel.id}
          title={`${channel.name} (${providerLabel(channel.provider)})`}
          inherited={accountEffective}
          fields={CHANNEL_FIELDS}
        />
      ))}
    </section>
  );
}
