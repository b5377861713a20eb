import { describe, expect, it } from 'vitest';
import { detectSignals } from './signals.ts';
import type { SignalKind, TriageInput } from './types.ts';

const input = (text: string, extra: Partial<TriageInput> = {}): TriageInput => ({
  text,
  isPublic: true,
  provider: 'x',
  author: {},
  ...extra,
});
const kinds = (text: string, extra?: Partial<TriageInput>): SignalKind[] =>
  detectSignals(input(text, extra)).map((s) => s.kind);

describe('detectSignals', () => {
  it('finds legal and regulatory threats with their evidence', () => {
    const signals = detectSignals(input('If this is not fixed my lawyer will be in touch'));
    expect(signals).toContainEqual({ kind: 'legal_threat', evidence: 'lawyer' });
    expect(kinds('Reporting you to the FCC and the better business bureau')).toContain('regulatory_threat');
  });

  it('finds safety issues', () => {
    expect(kinds('The charger caught fire on my desk last night')).toContain('safety');
    expect(kinds('My son had an allergic reaction to the snack bar')).toContain('safety');
  });

  it('finds outage words but not ordinary uses of "down"', () => {
    expect(kinds('Is the app down? It keeps saying error code 503')).toContain('outage');
    expect(kinds('Internet not working since this morning')).toContain('outage');
    expect(kinds('is the app down? I cannot log in')).toContain('outage');
    expect(kinds('Please calm down, it was a joke')).not.toContain('outage');
  });

  it('finds churn intent', () => {
    expect(kinds('I am cancelling my subscription today')).toContain('churn');
    expect(kinds('Switching to another carrier after this')).toContain('churn');
  });

  it('finds escalation words', () => {
    expect(kinds('This is the third time I am asking')).toContain('escalation');
    expect(kinds('still waiting for my refund')).toContain('escalation');
    expect(kinds('Thanks, that worked')).toEqual([]);
  });

  it('finds shouting but not a single acronym', () => {
    expect(kinds('WHERE IS MY PACKAGE I PAID FOR NEXT DAY')).toContain('shouting');
    expect(kinds('My ATM card is fine')).not.toContain('shouting');
  });

  it('uses the repeat contact count and waiting time from the input', () => {
    expect(kinds('hello?', { priorInboundCount: 3 })).toContain('repeat_contact');
    expect(kinds('hello?', { priorInboundCount: 1 })).not.toContain('repeat_contact');
    expect(kinds('hello?', { minutesWaiting: 90 })).toContain('long_wait');
  });
});
