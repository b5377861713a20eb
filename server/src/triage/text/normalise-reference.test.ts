import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSignals } from '../signals.ts';
import { normaliseText } from './normalise.ts';

// normaliseText before its speed work (every replace unconditional): the fast one must agree exactly.
const ENTITY_TEXT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
function referenceNormalise(raw: string): string {
  let text = raw;
  text = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  text = text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITY_TEXT[name] ?? '');
  text = text.replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' http ').replace(/@\w+/g, '@user');
  text = text.replace(/[\u2018\u2019\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
  return text.toLowerCase().replace(/(\p{L})\1{2,}/gu, '$1$1');
}

const PIECES = [
  'good',
  'Sooo',
  'NOOO',
  'www.',
  'WWW.x.com',
  'w.',
  'http://a.b/c',
  'HTTPS://X.Y',
  '://',
  '@Brand',
  '@',
  '`',
  '´',
  '\u2019',
  '\u201c',
  '\u201d',
  '\\u2019',
  '&amp;',
  '&lt;',
  'é',
  'ééé',
  'İ',
  '𝐚𝐚𝐚',
  '😀😀😀',
  ' ',
  '\t',
  '.',
  '!!!',
  'aa',
  'a',
];

describe('text pipeline agrees with the reference implementations', () => {
  it('normaliseText on random mixes of links, handles, quotes, entities and elongations', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }), (pieces) => {
        const text = pieces.join('');
        expect(normaliseText(text)).toBe(referenceNormalise(text));
      }),
      { numRuns: 3000, seed: 4 },
    );
  });

  it('the one-scan signal prefilter never hides a signal', () => {
    const words = [
      'my lawyer',
      'FTC',
      'caught fire',
      'is down',
      'switching to',
      'third time',
      'hello',
      ' ',
      '!',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 12 }), (pieces) => {
        const text = pieces.join(' ');
        const kinds = detectSignals({ text, isPublic: true, provider: 'x', author: {} }).map((s) => s.kind);
        const expected = [
          /\blawyer/i.test(text) && 'legal_threat',
          /\bftc\b/i.test(text) && 'regulatory_threat',
          /caught fire/i.test(text) && 'safety',
          /is down/i.test(text) && 'outage',
          /switching to/i.test(text) && 'churn',
          /third time/i.test(text) && 'escalation',
        ].filter(Boolean);
        expect(kinds.filter((k) => k !== 'shouting')).toEqual(expected);
      }),
      { numRuns: 500, seed: 4 },
    );
  });
});
