import { describe, expect, it } from 'vitest';
import { minutesTextToMs, msToMinutesText } from './RoutingFormParts.tsx';
import { parseSkills } from './RoutingSettingsForm.tsx';

describe('routing admin form values', () => {
  it('turns minutes typed in a form into ms and back; blank is "not set"', () => {
    expect(minutesTextToMs('30')).toBe(1_800_000);
    expect(minutesTextToMs(' 1.5 ')).toBe(90_000);
    expect(minutesTextToMs('')).toBeNull();
    expect(minutesTextToMs('soon')).toBeNaN();
    expect(msToMinutesText(3_600_000)).toBe('60');
    expect(msToMinutesText(null)).toBe('');
  });

  it('reads required skills written as skill:minimum, comma separated', () => {
    expect(parseSkills('billing:3, refunds , spanish: 5,')).toEqual([
      { skill: 'billing', minProficiency: 3 },
      { skill: 'refunds', minProficiency: 1 },
      { skill: 'spanish', minProficiency: 5 },
    ]);
    expect(parseSkills('')).toEqual([]);
  });
});
