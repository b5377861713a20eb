import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { type Activity, type Approval, deskApi } from '../api/desk.ts';
import type { ConversationDetail, Message, Note } from '../api/types.ts';
import { useDesk } from '../app/desk-context.tsx';

/** One conversation's detail, loaded once and kept current from the event stream. */
export function useConversation(id: string) {
  const { stream, store } = useDesk();
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [activity, setActivity] = useState<Activity[]>([]);
  const [approvals, setApprovals] = useState<Approval[]>([]);

  const upsertApproval = useCallback((approval: Approval) => {
    setApprovals((list) => [...list.filter((a) => a.id !== approval.id), approval]);
  }, []);

  const upsertMessage = useCallback((message: Message) => {
    setDetail((d) => {
      if (!d || message.conversationId !== d.conversation.id) return d;
      const index = d.messages.findIndex((m) => m.id === message.id);
      const messages = index >= 0 ? d.messages.with(index, message) : [...d.messages, message];
      return { ...d, messages };
    });
  }, []);

  const addNote = useCallback((note: Note) => {
    setDetail((d) => (d && !d.notes.some((n) => n.id === note.id) ? { ...d, notes: [...d.notes, note] } : d));
  }, []);

  useEffect(() => {
    let isCurrent = true;
    let lastActivityId = 0;
    let isFetchingActivity = false;
    let isActivityStale = false;
    // Activity is fetched after each change of this conversation, one request at a time.
    const fetchActivity = () => {
      if (isFetchingActivity) {
        isActivityStale = true;
        return;
      }
      isFetchingActivity = true;
      deskApi.activity(id, lastActivityId).then(
        (r) => {
          isFetchingActivity = false;
          if (!isCurrent) return;
          if (r.activity.length > 0) {
            lastActivityId = r.activity[r.activity.length - 1]!.id;
            setActivity((list) => [...list, ...r.activity]);
          }
          if (isActivityStale) {
            isActivityStale = false;
            fetchActivity();
          }
        },
        () => {
          isFetchingActivity = false;
        },
      );
    };
    fetchActivity();
    void deskApi.conversationApprovals(id).then(
      (r) => isCurrent && setApprovals(r.items),
      () => undefined,
    );
    // Subscribe before loading so nothing published meanwhile is missed; upserts make repeats harmless.
    const unsubscribe = stream.subscribe((event) => {
      const payload = event.payload;
      if (event.type === 'message.created' || event.type === 'message.updated') {
        upsertMessage(payload.message as Message);
      } else if (event.type === 'note.created' && payload.conversationId === id) {
        addNote(payload.note as Note);
      } else if (event.type === 'conversation.updated') {
        const conversation = payload.conversation as ConversationDetail['conversation'];
        if (conversation.id === id) {
          setDetail((d) => (d ? { ...d, conversation } : d));
          fetchActivity();
        }
      } else if (event.type === 'approval.created' || event.type === 'approval.decided') {
        const approval = payload.approval as Approval;
        if (approval.conversationId === id) upsertApproval(approval);
      }
    });
    api.conversation(id).then(
      (loaded) => {
        if (!isCurrent) return;
        setDetail((d) => {
          if (!d) return loaded;
          // Keep anything the stream delivered while the request was in flight.
          const known = new Set(loaded.messages.map((m) => m.id));
          return { ...loaded, messages: [...loaded.messages, ...d.messages.filter((m) => !known.has(m.id))] };
        });
        store.upsert(loaded.conversation);
      },
      (failure: Error) => isCurrent && setError(failure.message),
    );
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [id, stream, store, upsertMessage, addNote, upsertApproval]);

  return { detail, error, upsertMessage, addNote, setDetail, activity, approvals, upsertApproval };
}
