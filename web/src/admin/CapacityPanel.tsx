import { useEffect, useState } from 'react';
import { type AgentBoardRow, routingApi } from '../api/routing.ts';
import { useAgentBoard } from '../wallboard/agent-board.ts';
import { SaveMessage, useSave } from './RoutingFormParts.tsx';

const KINDS = ['chat', 'social', 'call'];

/** How many open conversations of each kind of work an agent takes at once. */
export function CapacityPanel() {
  const board = useAgentBoard();
  const agents = [...board.agents.values()];
  const kinds = [...new Set([...KINDS, ...agents.flatMap((a) => Object.keys(a.capacity))])];
  return (
    <section aria-labelledby="capacity-title" className="panel routing-admin">
      <h2 id="capacity-title">Capacity</h2>
      <p className="hint">
        Open conversations an agent takes at once, per kind of work (public posts count as social, private
        messages as chat unless a channel sets its kind); a blank kind means none of that work. Agents without
        their own use the account default (Routing below).
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            {kinds.map((k) => (
              <th key={k} scope="col">
                {k}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <CapacityRow key={a.id} agent={a} kinds={kinds} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CapacityRow({ agent, kinds }: { agent: AgentBoardRow; kinds: string[] }) {
  const board = useAgentBoard();
  const fromCapacity = (capacity: Record<string, number>) =>
    Object.fromEntries(kinds.map((k) => [k, capacity[k] === undefined ? '' : String(capacity[k])]));
  const [values, setValues] = useState<Record<string, string>>(() => fromCapacity(agent.capacity));
  // Back on the account default: show the default's figures.
  // biome-ignore lint/correctness/useExhaustiveDependencies: fromCapacity only reads kinds, which are stable
  useEffect(() => {
    if (agent.isDefaultCapacity) setValues(fromCapacity(agent.capacity));
  }, [agent.isDefaultCapacity, agent.capacity]);
  const [result, save, isSaving] = useSave();
  const capacity = () =>
    Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, Number(v)]),
    );
  const reloadAfter = (ok: boolean) => (ok ? board.reload() : undefined);
  return (
    <tr>
      <th scope="row">
        {agent.name}
        {agent.isDefaultCapacity ? <span className="hint"> (account default)</span> : null}
      </th>
      {kinds.map((k) => (
        <td key={k}>
          <input
            type="number"
            min={0}
            max={1000}
            step={1}
            aria-label={`${agent.name}: ${k} capacity`}
            value={values[k] ?? ''}
            onChange={(event) => setValues((v) => ({ ...v, [k]: event.target.value }))}
          />
        </td>
      ))}
      <td>
        <div className="panel-actions">
          <button
            type="button"
            className="primary"
            disabled={isSaving}
            aria-label={`Save capacity of ${agent.name}`}
            onClick={() =>
              void save(() => routingApi.setCapacity(agent.id, capacity()), `Saved ${agent.name}.`).then(
                reloadAfter,
              )
            }
          >
            Save
          </button>
          <button
            type="button"
            disabled={isSaving || agent.isDefaultCapacity}
            aria-label={`Use the account default capacity for ${agent.name}`}
            onClick={() =>
              void save(() => routingApi.setCapacity(agent.id, {}), `${agent.name} uses the default.`).then(
                reloadAfter,
              )
            }
          >
            Use default
          </button>
        </div>
        <SaveMessage result={result} />
      </td>
    </tr>
  );
}
