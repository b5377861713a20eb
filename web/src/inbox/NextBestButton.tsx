import { useState } from 'react';
import { describeFailure, routingApi } from '../api/routing.ts';
import { useDesk } from '../app/desk-context.tsx';
import { navigate } from '../app/router.ts';
import './routing-row.css';

/**
 * "Next best conversation": the server assigns the caller the highest conversation in queue order
 * that they may take (online, capacity, team, skills), and the desk opens it.
 */
export function NextBestButton() {
  const { store } = useDesk();
  const [isBusy, setIsBusy] = useState(false);
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);

  const take = async () => {
    setIsBusy(true);
    setMessage(null);
    try {
      const { conversation } = await routingApi.next();
      if (conversation) {
        store.upsert(conversation);
        navigate(`/inbox/${conversation.id}`);
      } else {
        setMessage({ isError: false, text: 'Nothing waiting that you can take right now.' });
      }
    } catch (failure) {
      setMessage({ isError: true, text: describeFailure(failure, 'Could not take the next conversation') });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <span className="next-best">
      <button type="button" className="primary" disabled={isBusy} onClick={() => void take()}>
        {isBusy ? 'Taking…' : 'Next best conversation'}
      </button>
      {message ? (
        <span role={message.isError ? 'alert' : 'status'} className={message.isError ? 'error' : 'notice'}>
          {message.text}
        </span>
      ) : null}
    </span>
  );
}
