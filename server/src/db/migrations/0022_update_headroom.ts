// Room on each page for updated row versions. A conversation is rewritten on every customer message
// (counts, snippet, last message time) and its analytics summary and the customer's identity often
// are too. With full pages every new version goes to another page, so each of the conversation's
// eleven indexes gets a new entry. With free space on the page, an update that changes no indexed
// column stays on its page as a HOT update and touches no index. Under the ingest bench, HOT
// updates of conversations went from 4% to about half. Only pages written from now on keep the
// headroom; older pages get it as they are vacuumed and refilled.
export const sql = /* sql */ `
ALTER TABLE conversations SET (fillfactor = 70);
ALTER TABLE analytics_conversations SET (fillfactor = 80);
ALTER TABLE contact_identities SET (fillfactor = 80);
`;
