import { DeskApiError } from './desk.ts';
import type { UploadedAttachment } from './types.ts';

// Uploads go as the raw file body (type in Content-Type, name in ?name=), not multipart.

export async function uploadAttachment(conversationId: string, file: File): Promise<UploadedAttachment> {
  const res = await fetch(
    `/api/v1/conversations/${conversationId}/attachments?name=${encodeURIComponent(file.name)}`,
    {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
    },
  );
  const json = (await res.json().catch(() => null)) as {
    attachment?: UploadedAttachment;
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (!res.ok || !json?.attachment) {
    throw new DeskApiError(
      res.status,
      json?.error?.code ?? 'http_error',
      json?.error?.message ?? res.statusText,
      json?.error?.details,
    );
  }
  return json.attachment;
}

/** Forget an upload the agent removed before sending (best effort: an unsent file harms nobody). */
export async function removeAttachment(id: string): Promise<void> {
  await fetch(`/api/v1/attachments/${id}`, { method: 'DELETE', credentials: 'same-origin' }).catch(
    () => undefined,
  );
}
