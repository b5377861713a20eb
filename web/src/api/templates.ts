// WhatsApp approved templates (per WhatsApp channel) and template replies.
import { type Approval, call } from './desk.ts';
import type { Message } from './types.ts';

export interface WhatsAppTemplate {
  id: string;
  channelId: string;
  name: string;
  language: string;
  /** The approved body with {{1}}, {{2}}, … placeholders. */
  body: string;
  parameterCount: number;
  updatedAt: string;
}

export interface TemplateFields {
  name: string;
  language: string;
  body: string;
}

const body = async <T>(method: string, path: string, payload?: unknown) =>
  (await call<T>(method, path, payload)).body;

export const templatesApi = {
  list: (channelId: string) =>
    body<{ items: WhatsAppTemplate[] }>('GET', `/channels/${channelId}/whatsapp-templates`),
  create: (channelId: string, fields: TemplateFields) =>
    body<{ template: WhatsAppTemplate }>('POST', `/channels/${channelId}/whatsapp-templates`, fields),
  update: (id: string, fields: TemplateFields) =>
    body<{ template: WhatsAppTemplate }>('PUT', `/whatsapp-templates/${id}`, fields),
  remove: (id: string) => body<{ ok: true }>('DELETE', `/whatsapp-templates/${id}`),
  /**
   * Sent through the outbox like any reply (the message keeps `metadata.template`), or held for a
   * supervisor when the author's replies need approval (`approval`, 202).
   */
  send: (conversationId: string, templateId: string, parameters: string[]) =>
    body<{ message: Message } | { approval: Approval }>(
      'POST',
      `/conversations/${conversationId}/template-replies`,
      {
        templateId,
        parameters,
      },
    ),
};

/** The template a message was sent as, if any. */
export function messageTemplate(message: Message): { name: string; language: string } | null {
  const template = message.metadata?.template as { name?: unknown; language?: unknown } | undefined;
  return typeof template?.name === 'string' && typeof template.language === 'string'
    ? { name: template.name, language: template.language }
    : null;
}
