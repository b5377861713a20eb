// Contact search and merge for the customer panel.
import { call } from './desk.ts';
import type { Contact } from './types.ts';

export interface ContactMatch {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  isVip: boolean;
  createdAt: string;
}

export const contactsApi = {
  search: async (q: string) =>
    (await call<{ items: ContactMatch[] }>('GET', `/contacts?q=${encodeURIComponent(q)}`)).body.items,
  /** Folds `otherContactId` into `keepId`; answers the kept contact with every identity and conversation. */
  merge: async (keepId: string, otherContactId: string) =>
    (await call<Contact>('POST', `/contacts/${keepId}/merge`, { otherContactId })).body,
};
