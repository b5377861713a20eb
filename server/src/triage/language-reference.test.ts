import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

// The detector before its speed work (Map votes, regex word split), kept to check the fast one agrees.
const STOPWORDS: Record<string, string> = {
  en: 'the and to of is you that it for in my on was with this are have not be your but me just can at so what do get will from how why has been',
  es: 'el la de que y en los las por con para una es no se lo del al pero mi su muy como está esta más ya hay porque tengo gracias',
  fr: 'le la les de des et est un une que qui pour pas dans ce sur avec je vous nous mon mes au aux ne plus merci mais très où',
  de: 'der die das und ist nicht ich sie es ein eine zu mit auf für den dem von sich auch noch wie bei mein kein wir danke bitte aber',
  pt: 'o a os as de que e do da em um uma para com não no na por mais meu minha é está muito obrigado obrigada você isso ao',
  it: 'il lo la gli le di che e è un una per con non sono mi ho ma del della questo anche come più grazie ancora perché sempre',
  nl: 'de het een en van is dat niet ik je op te met voor zijn maar mijn nog wel er ook bij geen al dan wat naar graag bedankt',
};
const WORD_TO_LANGUAGES = new Map<string, string[]>();
for (const [language, words] of Object.entries(STOPWORDS))
  for (const word of words.split(' '))
    WORD_TO_LANGUAGES.set(word, [...(WORD_TO_LANGUAGES.get(word) ?? []), language]);
const HINTS: [RegExp, string][] = [
  [/[ñ¿¡]/, 'es'],
  [/[ãõ]/, 'pt'],
  [/ç/, 'fr'],
  [/[ßäöü]/, 'de'],
  [/[èìò]/, 'it'],
  [/ij/, 'nl'],
];
function referenceDetect(text: string): string {
  const lower = text.toLowerCase();
  const votes = new Map<string, number>();
  const words = lower.replace(/https?:\/\/\S+|@\w+|#\w+/g, ' ').match(/\p{L}+/gu) ?? [];
  for (const word of words) {
    const languages = WORD_TO_LANGUAGES.get(word);
    if (!languages) continue;
    for (const language of languages) votes.set(language, (votes.get(language) ?? 0) + 1 / languages.length);
  }
  for (const [pattern, language] of HINTS)
    if (pattern.test(lower)) votes.set(language, (votes.get(language) ?? 0) + 1);
  let best = 'und';
  let bestVotes = 0;
  let second = 0;
  for (const [language, count] of votes) {
    if (count > bestVotes) {
      second = bestVotes;
      bestVotes = count;
      best = language;
    } else if (count > second) second = count;
  }
  return bestVotes < 1 || bestVotes === second ? 'und' : best;
}

const PIECES = [
  ...[...WORD_TO_LANGUAGES.keys()].slice(0, 120),
  'The',
  'DE',
  'Ij',
  'ijs',
  'straße',
  'ÑO',
  'ça',
  'não',
  'http://x.co/de',
  '@het',
  '#the',
  'hello',
  'x1',
  ' ',
  ' ',
  ', ',
  '!',
  '\n',
  'İ',
  '😀',
  "'",
  'über',
  'città',
];

describe('detectLanguage agrees with the reference detector', () => {
  it('on random mixes of stop words, hints, links, handles and punctuation', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(detectLanguage(text)).toBe(referenceDetect(text));
      }),
      { numRuns: 3000, seed: 4 },
    );
  });
});
