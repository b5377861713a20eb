// Stopword-vote language detector: tiny, deterministic, good enough to route short social posts.
import { FNV_OFFSET, hashStep } from './text/hash.ts';

const STOPWORDS: Record<string, string> = {
  en: 'the and to of is you that it for in my on was with this are have not be your but me just can at so what do get will from how why has been',
  es: 'el la de que y en los las por con para una es no se lo del al pero mi su muy como está esta más ya hay porque tengo gracias',
  fr: 'le la les de des et est un une que qui pour pas dans ce sur avec je vous nous mon mes au aux ne plus merci mais très où',
  de: 'der die das und ist nicht ich sie es ein eine zu mit auf für den dem von sich auch noch wie bei mein kein wir danke bitte aber',
  pt: 'o a os as de que e do da em um uma para com não no na por mais meu minha é está muito obrigado obrigada você isso ao',
  it: 'il lo la gli le di che e è un una per con non sono mi ho ma del della questo anche come più grazie ancora perché sempre',
  nl: 'de het een en van is dat niet ik je op te met voor zijn maar mijn nog wel er ook bij geen al dan wat naar graag bedankt',
};

const LANGUAGES = Object.keys(STOPWORDS);
// Word -> the share of a vote each of its languages gets (1 / number of languages using the word).
const WORD_VOTES = new Map<string, { languages: number[]; share: number }>();
{
  const lists = new Map<string, number[]>();
  LANGUAGES.forEach((language, index) => {
    for (const word of STOPWORDS[language]!.split(' ')) lists.set(word, [...(lists.get(word) ?? []), index]);
  });
  for (const [word, languages] of lists) WORD_VOTES.set(word, { languages, share: 1 / languages.length });
}

/** Characters that only some of the languages use give an extra vote. */
const CHARACTER_HINTS: [RegExp, number][] = [
  [/[ñ¿¡]/, LANGUAGES.indexOf('es')],
  [/[ãõ]/, LANGUAGES.indexOf('pt')],
  [/ç/, LANGUAGES.indexOf('fr')],
  [/[ßäöü]/, LANGUAGES.indexOf('de')],
  [/[èìò]/, LANGUAGES.indexOf('it')],
  [/ij/, LANGUAGES.indexOf('nl')],
];
const NL = LANGUAGES.indexOf('nl');

// ASCII stop words by FNV-1a hash of their letters, so ASCII text is scanned without substrings.
const HASHED_WORDS = new Map<number, { word: string; languages: number[]; share: number }[]>();
for (const [word, entry] of WORD_VOTES) {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  HASHED_WORDS.set(hash, [...(HASHED_WORDS.get(hash) ?? []), { word, ...entry }]);
}

/** Votes of the stop words in ASCII text: letter runs are exactly the [a-z] runs of the lower-cased text. */
function voteAsciiWords(words: string): void {
  const length = words.length;
  let i = 0;
  while (i < length) {
    let code = words.charCodeAt(i);
    if (code < 97 || code > 122) {
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    while (code >= 97 && code <= 122) {
      hash = hashStep(hash, code);
      i++;
      code = i < length ? words.charCodeAt(i) : 0;
    }
    const candidates = HASHED_WORDS.get(hash);
    if (!candidates) continue;
    for (const entry of candidates) {
      if (entry.word.length !== i - start || !words.startsWith(entry.word, start)) continue;
      for (const language of entry.languages) addVote(language, entry.share);
    }
  }
}

const HANDLES_AND_LINKS = /https?:\/\/\S+|@\w+|#\w+/g;
const LETTER_RUN = /\p{L}+/gu;
const votes = new Float64Array(LANGUAGES.length);
const hasVote = new Uint8Array(LANGUAGES.length);

function addVote(language: number, amount: number): void {
  votes[language] = votes[language]! + amount;
  hasVote[language] = 1;
}

/** ISO 639-1 code of the most likely language among en, es, fr, de, pt, it, nl; 'und' when unclear. */
export function detectLanguage(text: string): string {
  const lower = text.toLowerCase();
  votes.fill(0);
  hasVote.fill(0);
  const words =
    lower.includes('http') || lower.includes('@') || lower.includes('#')
      ? lower.replace(HANDLES_AND_LINKS, ' ')
      : lower;
  const ascii = isAscii(lower);
  if (ascii) voteAsciiWords(words);
  else {
    LETTER_RUN.lastIndex = 0;
    for (let match = LETTER_RUN.exec(words); match; match = LETTER_RUN.exec(words)) {
      const entry = WORD_VOTES.get(match[0]);
      if (!entry) continue;
      for (const language of entry.languages) addVote(language, entry.share);
    }
  }
  // Every hint character is outside ASCII except the Dutch "ij".
  if (!ascii) {
    for (const [pattern, language] of CHARACTER_HINTS) if (pattern.test(lower)) addVote(language, 1);
  } else if (lower.includes('ij')) addVote(NL, 1);
  // Ties between the two best give 'und', so the order of languages does not matter.
  let best = 'und';
  let bestVotes = 0;
  let second = 0;
  for (let k = 0; k < LANGUAGES.length; k++) {
    if (!hasVote[k]) continue;
    const count = votes[k]!;
    if (count > bestVotes) {
      second = bestVotes;
      bestVotes = count;
      best = LANGUAGES[k]!;
    } else if (count > second) second = count;
  }
  if (bestVotes < 1 || bestVotes === second) return 'und';
  return best;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
