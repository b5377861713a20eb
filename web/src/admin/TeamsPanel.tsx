import type { FormEvent } from 'react';
import { routingApi, type Team } from '../api/routing.ts';
import { useDesk } from '../app/desk-context.tsx';
import { useAgentBoard } from '../wallboard/agent-board.ts';
import { SaveMessage, useSave } from './RoutingFormParts.tsx';

/** Teams and their members (routing only gives a team's work to its members). */
export function TeamsPanel() {
  const board = useAgentBoard();
  const [result, save, isSaving] = useSave();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const ok = await save(
      () =>
        routingApi.createTeam({
          name: String(form.get('name')).trim(),
          memberIds: form.getAll('memberIds').map(String),
        }),
      'Team created.',
    );
    if (ok) {
      formElement.reset();
      await board.reload();
    }
  };

  return (
    <section aria-labelledby="teams-title" className="panel routing-admin">
      <h2 id="teams-title">Teams</h2>
      {board.teams.length === 0 ? <p className="hint">No teams yet.</p> : null}
      {board.teams.map((team) => (
        <TeamEditor key={team.id} team={team} />
      ))}
      <form onSubmit={(event) => void create(event)} aria-labelledby="new-team-title">
        <fieldset>
          <legend id="new-team-title">New team</legend>
          <div className="field-row">
            <label>
              Name
              <input name="name" required maxLength={100} />
            </label>
          </div>
          <MemberCheckboxes name="memberIds" selected={[]} />
          <div className="panel-actions">
            <button type="submit" className="primary" disabled={isSaving}>
              Create team
            </button>
          </div>
        </fieldset>
      </form>
      <SaveMessage result={result} />
    </section>
  );
}

function TeamEditor({ team }: { team: Team }) {
  const board = useAgentBoard();
  const [result, save, isSaving] = useSave();

  const update = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await save(
      () =>
        routingApi.updateTeam(team.id, {
          name: String(form.get('name')).trim(),
          memberIds: form.getAll('memberIds').map(String),
        }),
      `Saved ${String(form.get('name'))}.`,
    );
    if (ok) await board.reload();
  };

  const remove = async () => {
    if (!window.confirm(`Delete the team ${team.name}? Its routing settings are deleted too.`)) return;
    if (await save(() => routingApi.deleteTeam(team.id), `Deleted ${team.name}.`)) await board.reload();
  };

  return (
    <form onSubmit={(event) => void update(event)} aria-label={`Team ${team.name}`}>
      <fieldset>
        <legend>{team.name}</legend>
        <div className="field-row">
          <label>
            Name
            <input name="name" required maxLength={100} defaultValue={team.name} />
          </label>
        </div>
        <MemberCheckboxes name="memberIds" selected={team.memberIds} />
        <div className="panel-actions">
          <button type="submit" className="primary" disabled={isSaving}>
            Save team
          </button>
          <button type="button" onClick={() => void remove()} disabled={isSaving}>
            Delete team
          </button>
        </div>
        <SaveMessage result={result} />
      </fieldset>
    </form>
  );
}

function MemberCheckboxes({ name, selected }: { name: string; selected: string[] }) {
  const { users } = useDesk();
  return (
    <fieldset className="member-list">
      <legend>Members</legend>
      {users.map((u) => (
        <label key={u.id} className="inline">
          <input type="checkbox" name={name} value={u.id} defaultChecked={selected.includes(u.id)} />
          {u.name} <span className="hint">({u.role})</span>
        </label>
      ))}
    </fieldset>
  );
}
