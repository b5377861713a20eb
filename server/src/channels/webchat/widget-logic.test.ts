import { describe, expect, it } from 'vitest';
import { WIDGET_LOGIC } from './widget-logic.ts';
import { WIDGET_SCRIPT } from './widget-script.ts';

interface Logic {
  isEmailAddress(text: unknown): boolean;
  emailPrompt(state: { agentsOnline: boolean | null; email: string | null }): { mode: string; note: string };
}

// The same source the widget inlines, evaluated as the browser would.
const logic = new Function(`${WIDGET_LOGIC}; return { isEmailAddress, emailPrompt };`)() as Logic;

describe('widget logic', () => {
  it('asks for an address when nobody is online and none was given', () => {
    expect(logic.emailPrompt({ agentsOnline: false, email: null })).toEqual({
      mode: 'ask',
      note: 'No one is online right now. Leave your email and we will answer you there.',
    });
  });

  it('only offers the address field while an agent is online', () => {
    expect(logic.emailPrompt({ agentsOnline: true, email: null })).toEqual({ mode: 'offer', note: '' });
    // Before the session says anything, nothing is claimed about availability.
    expect(logic.emailPrompt({ agentsOnline: null, email: null })).toEqual({ mode: 'offer', note: '' });
  });

  it('hides the field once an address is known, and says where the answer will go', () => {
    expect(logic.emailPrompt({ agentsOnline: false, email: 'lee@customer.example' })).toEqual({
      mode: 'hidden',
      note: 'No one is online right now: we will answer at lee@customer.example.',
    });
    expect(logic.emailPrompt({ agentsOnline: true, email: 'lee@customer.example' })).toEqual({
      mode: 'hidden',
      note: '',
    });
  });

  it('checks an address before sending it, like the server does', () => {
    expect(logic.isEmailAddress(' Lee@Customer.example ')).toBe(true);
    for (const bad of [
      '',
      'lee',
      'lee@',
      'lee@customer',
      'a b@c.example',
      `${'x'.repeat(65)}@c.example`,
      null,
    ]) {
      expect(logic.isEmailAddress(bad)).toBe(false);
    }
  });

  it('ships inside /widget.js', () => {
    expect(WIDGET_SCRIPT).toContain(WIDGET_LOGIC);
    expect(() => new Function(WIDGET_SCRIPT)).not.toThrow();
  });
});
