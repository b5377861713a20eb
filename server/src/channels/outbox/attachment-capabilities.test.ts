import { describe, expect, it } from 'vitest';
import type { OutboundAttachment } from '../adapter.ts';
import { channelFixtureSets } from '../fixtures/index.ts';

// Every adapter's declared `supportsAttachments` matches what its buildSend does with a file: a
// channel that says yes carries the file (its signed URL, or for email its bytes) in at least one
// of its own send cases; one that says no is refused by the outbox and at the reply route instead.

const PNG = Buffer.from('89504e470d0a1a0a0000', 'hex');
const file: OutboundAttachment = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  name: 'label.png',
  mimeType: 'image/png',
  sizeBytes: PNG.length,
  url: 'https://desk.example.com/files/7c9e6679-7425-40de-944b-e07fc1f90ae7/label.png?expires=1&signature=ab',
  content: PNG,
};

describe.each(Object.entries(channelFixtureSets))('attachments on %s', (_name, fixtures) => {
  const { adapter, channel } = fixtures;
  const capabilities = adapter.capabilities(channel);

  it.runIf(capabilities.supportsAttachments)('carries a file in one of its send cases', () => {
    const carried = fixtures.sends.flatMap(({ reply, now }) => {
      try {
        const spec = adapter.buildSend(
          { ...reply, text: '', template: undefined, attachments: [file] },
          channel,
          now,
        );
        return [spec.body ?? ''];
      } catch {
        return []; // this surface takes no files (e.g. an Instagram comment), another case must
      }
    });
    expect(carried.length).toBeGreaterThan(0);
    for (const body of carried) {
      expect(body.includes(file.url) || body.includes(PNG.toString('base64'))).toBe(true);
    }
  });

  it.runIf(capabilities.supportsAttachments)('declares how many files a reply takes', () => {
    expect(capabilities.maxAttachmentsPerReply).toBeGreaterThanOrEqual(1);
  });
});
