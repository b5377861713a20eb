import { describe, expect, it } from 'vitest';
import { ReplyRefused } from '../adapter.ts';
import { checkByteLimit, dmMessagingType, isWhatsAppWindowOpen } from './send-rules.ts';

const now = new Date('2026-03-02T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

describe('Meta messaging windows', () => {
  it('answers as RESPONSE up to just under 24 hours', () => {
    expect(dmMessagingType('Messenger', hoursAgo(23.99), now)).toEqual({ messaging_type: 'RESPONSE' });
  });

  it('switches to the HUMAN_AGENT tag at 24 hours and keeps it through day 7', () => {
    const tagged = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    expect(dmMessagingType('Messenger', hoursAgo(24), now)).toEqual(tagged);
    expect(dmMessagingType('Messenger', hoursAgo(168), now)).toEqual(tagged);
  });

  it('refuses past 7 days with a message that says what to do', () => {
    expect(() => dmMessagingType('Instagram', hoursAgo(168.01), now)).toThrow(ReplyRefused);
    expect(() => dmMessagingType('Instagram', hoursAgo(200), now)).toThrow(/Reply publicly or wait/);
  });

  it('treats a customer message stamped slightly in the future as inside the window', () => {
    expect(dmMessagingType('Messenger', hoursAgo(-0.01), now)).toEqual({ messaging_type: 'RESPONSE' });
  });

  it('rejects an unreadable lastCustomerMessageAt loudly rather than guessing', () => {
    expect(() => dmMessagingType('Messenger', 'last tuesday', now)).toThrow(/not a date/);
  });

  it('closes the WhatsApp window at exactly 24 hours', () => {
    expect(isWhatsAppWindowOpen(hoursAgo(23.99), now)).toBe(true);
    expect(isWhatsAppWindowOpen(hoursAgo(24), now)).toBe(false);
    expect(isWhatsAppWindowOpen(undefined, now)).toBe(false);
  });

  it('counts Instagram DM limits in UTF-8 bytes', () => {
    expect(() => checkByteLimit('Instagram', 'é'.repeat(500), 1000)).not.toThrow();
    expect(() => checkByteLimit('Instagram', `${'é'.repeat(500)}a`, 1000)).toThrow(ReplyRefused);
  });
});
