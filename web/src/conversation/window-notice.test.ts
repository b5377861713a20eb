import { describe, expect, it } from 'vitest';
import { formatTimeLeft, windowNotice } from './window-notice.ts';

const now = new Date('2026-03-02T12:00:00.000Z');
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE).toISOString();
const at = (iso: string) => `<${iso}>`;

describe('the composer’s window notice', () => {
  it('counts down the Messenger window in hours and minutes', () => {
    const notice = windowNotice('messenger', false, ago(20 * 60 + 48), now, at);
    expect(notice).toMatchObject({
      tone: 'info',
      text: 'Messenger window: 3 h 12 min left',
      canSendText: true,
    });
  });

  it('warns in the last hour and switches to the HUMAN_AGENT tag at exactly 24 hours', () => {
    expect(windowNotice('messenger', false, ago(24 * 60 - 1), now, at)).toMatchObject({
      tone: 'warning',
      text: 'Messenger window: 1 min left',
    });
    const tagged = windowNotice('messenger', false, ago(24 * 60), now, at);
    expect(tagged).toMatchObject({ tone: 'warning', canSendText: true, needsTemplate: false });
    expect(tagged?.text).toBe(
      'Outside the 24-hour window — replies go with the HUMAN_AGENT tag, until <2026-03-08T12:00:00.000Z>',
    );
  });

  it('still allows the tagged reply at exactly 7 days and disables sending just after', () => {
    expect(windowNotice('instagram', false, ago(7 * 24 * 60), now, at)?.canSendText).toBe(true);
    const closed = windowNotice(
      'instagram',
      false,
      new Date(now.getTime() - 7 * 24 * 3_600_000 - 1).toISOString(),
      now,
      at,
    );
    expect(closed).toMatchObject({ tone: 'blocked', canSendText: false, needsTemplate: false });
    expect(closed?.text).toMatch(/^Window closed: .*Instagram refuses replies/);
    expect(windowNotice('messenger', false, null, now, at)?.canSendText).toBe(false);
  });

  it('asks for a WhatsApp template from exactly 24 hours', () => {
    expect(windowNotice('whatsapp', false, ago(23 * 60 + 59), now, at)).toMatchObject({
      text: 'WhatsApp window: 1 min left',
      canSendText: true,
    });
    const closed = windowNotice('whatsapp', false, ago(24 * 60), now, at);
    expect(closed).toMatchObject({ tone: 'blocked', canSendText: false, needsTemplate: true });
    expect(closed?.text).toMatch(/^Window closed: send a template/);
  });

  it('says nothing for public replies and channels without a window', () => {
    expect(windowNotice('instagram', true, ago(60 * 24 * 30), now, at)).toBeNull();
    expect(windowNotice('x', false, ago(60 * 24 * 30), now, at)).toBeNull();
    expect(windowNotice('email', false, null, now, at)).toBeNull();
  });

  it('formats what is left', () => {
    expect(formatTimeLeft(30_000)).toBe('less than a minute');
    expect(formatTimeLeft(45 * MINUTE)).toBe('45 min');
    expect(formatTimeLeft(23 * 60 * MINUTE + 59 * MINUTE + 59_000)).toBe('23 h 59 min');
  });
});
