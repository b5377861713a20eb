// A reply held for a supervisor keeps the files the agent attached; they go out with it on approval.
export const sql = /* sql */ `
ALTER TABLE reply_approvals ADD COLUMN attachment_ids uuid[] NOT NULL DEFAULT '{}';
`;
