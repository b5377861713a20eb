import { type FormEvent, useEffect, useState } from 'react';
import { deskApi, problemText } from '../api/desk.ts';
import { routingApi, type Team } from '../api/routing.ts';
import type { Conversation } from '../api/types.ts';

/** Transfer to a team with a note for it (the conversation becomes unassigned within that team). */
export function TransferForm({
  conversation,
  onDone,
}: {
  conversation: Conversation;
  onDone: (c: Conversation) => void;
}) {
  const [teams, setTeams] = useState<Team[]>([]);
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (isOpen)
      void routingApi.teams().then(
        (r) => setTeams(r.items),
        () => setTeams([]),
      );
  }, [isOpen]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      onDone(await deskApi.transfer(conversation.id, String(form.get('teamId')), String(form.get('note'))));
      setIsOpen(false);
      setError(null);
    } catch (failure) {
      setError(problemText(failure));
    }
  };
  if (!isOpen) {
    return (
      <button type="button" className="small" onClick={() => setIsOpen(true)}>
        Transfer…
      </button>
    );
  }
  return (
    <form className="transfer-form" onSubmit={(event) => void submit(event)}>
      <label>
        <span className="visually-hidden">Team</span>
        <select name="teamId" required defaultValue="">
          <option value="" disabled>
            Team…
          </option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">Note for the team</span>
        <input name="note" required placeholder="Note for the team" maxLength={5000} />
      </label>
      <button type="submit" className="small primary">
        Transfer
      </button>
      <button type="button" className="small" onClick={() => setIsOpen(false)}>
        Cancel
      </button>
      {error ? <span className="error small">{error}</span> : null}
    </form>
  );
}
