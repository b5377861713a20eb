import { describe, expect, it } from 'vitest';
import { dmWindow, replyWindow, whatsappWindow } from './messaging-window.ts';

const now = new Date('2026-03-02T12:00:00.000Z');
const HOUR = 3_600_000;
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();
const at = (iso: string) => new Date(iso);

describe('Messenger / Instagram DM window', () => {
  it('is open until just before 24 hours and says when it closes', () => {
    const last = hoursAgo(23.999);
    expect(dmWindow(last, now)).toEqual({ state: 'open', closesAt: new Date(Date.parse(last) + 24 * HOUR) });
  });

  it('needs the HUMAN_AGENT tag from exactly 24 hours through exactly 7 days', () => {
    expect(dmWindow(hoursAgo(24), now)).toEqual({
      state: 'human_agent',
      closesAt: new Date(now.getTime() + 144 * HOUR),
    });
    expect(dmWindow(hoursAgo(168), now)).toEqual({ state: 'human_agent', closesAt: now });
  });

  it('is closed one millisecond past 7 days, and when the customer never wrote', () => {
    const justPast = new Date(now.getTime() - 168 * HOUR - 1).toISOString();
    expect(dmWindow(justPast, now)).toEqual({ state: 'closed', reason: 'expired' });
    expect(dmWindow(undefined, now)).toEqual({ state: 'closed', reason: 'no_customer_message' });
    expect(dmWindow(null, now)).toEqual({ state: 'closed', reason: 'no_customer_message' });
  });
});

describe('WhatsApp customer-service window', () => {
  it('is open before 24 hours and template-only from exactly 24 hours', () => {
    expect(whatsappWindow(hoursAgo(23.5), now)).toEqual({ state: 'open', closesAt: at(hoursAgo(-0.5)) });
    expect(whatsappWindow(hoursAgo(24), now)).toEqual({ state: 'template_only' });
    expect(whatsappWindow(hoursAgo(24 * 30), now)).toEqual({ state: 'template_only' });
    expect(whatsappWindow(null, now)).toEqual({ state: 'template_only' });
  });
});

describe('the window of an ordinary reply', () => {
  it('applies only to private Meta DMs and WhatsApp', () => {
    const old = hoursAgo(200);
    expect(replyWindow('messenger', false, old, now)).toMatchObject({ state: 'closed' });
    expect(replyWindow('instagram', false, hoursAgo(30), now)).toMatchObject({ state: 'human_agent' });
    expect(replyWindow('whatsapp', false, old, now)).toEqual({ state: 'template_only' });
    expect(replyWindow('instagram', true, old, now)).toEqual({ state: 'none' });
    expect(replyWindow('facebook', true, old, now)).toEqual({ state: 'none' });
    expect(replyWindow('x', false, old, now)).toEqual({ state: 'none' });
    expect(replyWindow('email', false, null, now)).toEqual({ state: 'none' });
  });
});
