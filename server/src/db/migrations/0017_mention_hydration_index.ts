// The Instagram mention hydrator looks for mentions still waiting for their text every few seconds:
// a partial index holds only those rows, so the look-up no longer scans every message.
export const sql = /* sql */ `
CREATE INDEX messages_needs_hydration ON messages (sent_at)
  WHERE surface = 'mention' AND (metadata->>'needsHydration') = 'true';
`;
