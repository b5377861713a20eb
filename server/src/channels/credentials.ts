import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { ChannelSecrets } from './adapter.ts';

// AES-256-GCM with a key derived from PARLEY_SECRET_KEY; the stored form is iv.tag.ciphertext (base64url).
function keyFrom(secretKey: string): Buffer {
  return createHash('sha256').update(`parley:channel-credentials:${secretKey}`).digest();
}

export function encryptSecrets(secretKey: string, secrets: ChannelSecrets): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secretKey), iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecrets(secretKey: string, stored: string): ChannelSecrets {
  const [iv, tag, ciphertext] = stored.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error('Stored channel credentials are malformed');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secretKey), iv);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  return JSON.parse(plain) as ChannelSecrets;
}
