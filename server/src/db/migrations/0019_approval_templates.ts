// A WhatsApp template reply can be held for a supervisor too: the hold keeps which template, in
// which language, with which parameters (null for an ordinary reply).
export const sql = /* sql */ `
ALTER TABLE reply_approvals ADD COLUMN template jsonb;
`;
