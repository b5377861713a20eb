// WhatsApp message templates approved in the business's WhatsApp Manager, kept per WhatsApp channel
// by an admin so agents can send one when the 24-hour customer-service window has closed.
export const sql = /* sql */ `
CREATE TABLE whatsapp_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  -- As approved by WhatsApp: lowercase letters, digits and underscores.
  name text NOT NULL,
  -- WhatsApp language code, e.g. en_US, pt_BR.
  language text NOT NULL,
  -- The body as approved, with {{1}}, {{2}}, … where the parameters go.
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, name, language)
);
CREATE INDEX whatsapp_templates_account ON whatsapp_templates (account_id, channel_id);
`;
