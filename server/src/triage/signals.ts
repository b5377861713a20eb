import type { Signal, SignalKind, TriageInput } from './types.ts';

// Phrase lists are English first, with the common words of es/fr/de/pt/it/nl where a care team sees them.
const PATTERNS: [SignalKind, RegExp][] = [
  [
    'legal_threat',
    /\b(lawyers?|attorneys?|solicitors?|sue|suing|lawsuit|legal action|take (?:you|this) to court|small claims|class action|abogado|demanda|avocat|anwalt|advogado|avvocato|advocaat)\b/i,
  ],
  [
    'regulatory_threat',
    /\b(ftc|fcc|cfpb|ofcom|ofgem|ombudsman|trading standards|better business bureau|bbb|consumer (?:protection|rights)|regulator|attorney general|report(?:ing)? you to|financial conduct authority|fca)\b/i,
  ],
  [
    'safety',
    /\b(fire|smoke|caught fire|burn(?:ed|t|s)?|explod\w*|injur\w*|hospital|dangerous|unsafe|chok(?:e|ed|ing)|allergic reaction|food poisoning|poison\w*|electrocut\w*|gas leak|carbon monoxide|assault\w*|threaten\w*|bleeding)\b/i,
  ],
  [
    'outage',
    /\b(outage|(?:is|are|went|been|goes|still) down|(?:app|site|website|server|service|network|internet|wifi|system)s? (?:is |are )?down|down again|not working|isn'?t working|doesn'?t work|stopped working|won'?t (?:load|connect|open|start)|(?:can'?t|cannot|unable to) (?:log ?in|connect|access|sign in)|no (?:service|signal|internet|power|connection)|crash(?:ed|es|ing)?|offline|error code|service interruption)\b/i,
  ],
  [
    'churn',
    /\b(cancel(?:l?ing)? my|close my account|switch(?:ing)? to|leaving (?:you|for)|never (?:buy|order|use|fly|shop)\w* (?:again|with)|done with (?:you|this)|take my business|port(?:ing)? my number|find (?:a |another )?(?:new|different|another) (?:provider|bank|carrier))\b/i,
  ],
  [
    'escalation',
    /\b((?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+ ?(?:th|rd)?) time|still waiting|still no|still not|still haven'?t|yet again|again and again|for (?:days|weeks|months)|no one (?:has )?(?:responded|replied|helped|answered)|nobody (?:responds|replied|answers)|(?:your )?(?:manager|supervisor)|escalate|unacceptable|ridiculous)\b/i,
  ],
];

// All six at once: most messages match none, and one scan is cheaper than six.
const ANY_PATTERN = new RegExp(PATTERNS.map(([, pattern]) => `(?:${pattern.source})`).join('|'), 'i');

const isUpperAscii = (code: number) => code >= 65 && code <= 90;
const isLowerAscii = (code: number) => code >= 97 && code <= 122;

/** Mostly capitals (ASCII letters, links and handles skipped), three capitalised words in a row, or "!!!". */
function isShouting(text: string): string | undefined {
  const clean =
    text.includes('http') || text.includes('@') || text.includes('#')
      ? text.replace(/https?:\/\/\S+|[@#]\w+/g, ' ')
      : text;
  let letters = 0;
  let upper = 0;
  let run = 0;
  let wordUpper = 0;
  let wordLength = 0;
  let runStart = -1;
  let bestRun = 0;
  let bestRunText = '';
  let wordStart = 0;
  for (let i = 0; i <= clean.length; i++) {
    const code = i < clean.length ? clean.charCodeAt(i) : 32;
    if (isUpperAscii(code) || isLowerAscii(code)) {
      if (wordLength === 0) wordStart = i;
      wordLength++;
      letters++;
      if (isUpperAscii(code)) {
        upper++;
        wordUpper++;
      }
      continue;
    }
    if (code === 39 && wordLength > 0) continue;
    if (wordLength > 0) {
      if (wordLength >= 2 && wordUpper === wordLength) {
        if (run === 0) runStart = wordStart;
        run++;
        if (run > bestRun) {
          bestRun = run;
          bestRunText = clean.slice(runStart, i);
        }
      } else run = 0;
      wordLength = 0;
      wordUpper = 0;
    }
  }
  if ((letters >= 12 && upper / letters > 0.6) || bestRun >= 3)
    return bestRunText || clean.trim().slice(0, 40);
  if (text.includes('!!!')) return '!!!';
  return undefined;
}

export interface SignalThresholds {
  repeatContactMin: number;
  longWaitMinutes: number;
}

export const defaultSignalThresholds: SignalThresholds = { repeatContactMin: 2, longWaitMinutes: 60 };

/** Urgency signals with the words that triggered them, so an agent can see why. */
export function detectSignals(
  input: TriageInput,
  thresholds: SignalThresholds = defaultSignalThresholds,
): Signal[] {
  const signals: Signal[] = [];
  if (ANY_PATTERN.test(input.text)) {
    for (const [kind, pattern] of PATTERNS) {
      const match = pattern.exec(input.text);
      if (match) signals.push({ kind, evidence: match[0] });
    }
  }
  const shout = isShouting(input.text);
  if (shout) signals.push({ kind: 'shouting', evidence: shout });
  const prior = input.priorInboundCount ?? 0;
  if (prior >= thresholds.repeatContactMin) {
    signals.push({ kind: 'repeat_contact', evidence: `${prior} earlier messages from this customer` });
  }
  const waiting = input.minutesWaiting ?? 0;
  if (waiting >= thresholds.longWaitMinutes) {
    signals.push({ kind: 'long_wait', evidence: `waiting ${Math.round(waiting)} min` });
  }
  return signals;
}

export function hasSignal(signals: Signal[], kind: SignalKind): boolean {
  return signals.some((s) => s.kind === kind);
}
