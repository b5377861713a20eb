import { hasSignal } from './signals.ts';
import type { ActionabilityResult, IntentResult, SentimentResult, Signal, TriageInput } from './types.ts';

export interface ActionabilitySettings {
  ignoreReposts: boolean;
  ignoreLinkOnly: boolean;
  ignoreSpam: boolean;
}

const RETWEET = /^\s*RT @\w+/;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const HAS_URL = /\b(?:https?:\/\/|www\.)\S/i;
const SPAM =
  /\b(follow (?:me|back)|check out my|free (?:followers|likes|iphone|gift card)|click (?:here|the link)|dm (?:me )?for (?:promo|collab|price)|earn \$?\d+|make money|crypto|bitcoin|forex|giveaway|onlyfans|promo code|discount code|use (?:my )?code|buy followers|#ad\b|#sponsored|work from home)\b/i;
const QUESTION_START =
  /^(?:@\w+\s+)*(?:how|what|when|where|why|who|which|is|are|can|could|do|does|did|will|would|should|any ?one|anybody|may i)\b/i;
const REQUEST =
  /\b(please|pls|plz|help|need|want|can you|could you|would you|fix|refund|replace|cancel|contact me|dm me|call me|respond|reply|waiting|where is|how do i|let me know|por favor|ayuda|necesito|aidez|besoin|bitte|hilfe|ajuda|preciso|aiuto|per favore|ho bisogno|help mij|graag)\b/i;
const SERVICE_INTENTS = new Set([
  'order_status',
  'delivery',
  'refund_return',
  'billing_payment',
  'account_login',
  'cancellation',
  'technical_outage',
  'complaint',
]);

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** Does any letter or digit remain once URLs, mentions and hashtags are removed? No: the post says nothing itself. */
function hasOwnWords(text: string): boolean {
  let rest = text;
  if (rest.includes('/') || rest.includes('.')) rest = rest.replace(URL, ' ');
  if (rest.includes('@') || rest.includes('#')) rest = rest.replace(/[@#]\w+/g, ' ');
  return LETTER_OR_NUMBER.test(rest);
}

/** Does this message need an answer from the brand? The reason names the rule that decided. */
export function assessActionability(
  input: TriageInput,
  sentiment: SentimentResult,
  intent: IntentResult,
  signals: Signal[],
  settings: ActionabilitySettings,
): ActionabilityResult {
  const text = input.text;
  if (settings.ignoreReposts && (input.isRepost || RETWEET.test(text)))
    return { isActionable: false, reason: 'repost' };
  const hasWords = hasOwnWords(text);
  if (settings.ignoreLinkOnly && !hasWords && HAS_URL.test(text))
    return { isActionable: false, reason: 'link_only' };
  if (!hasWords) return { isActionable: false, reason: 'empty' };
  if (settings.ignoreSpam && SPAM.test(text)) return { isActionable: false, reason: 'spam' };

  const urgent = signals.some(
    (s) => s.kind !== 'shouting' && s.kind !== 'long_wait' && s.kind !== 'repeat_contact',
  );
  if (urgent) return { isActionable: true, reason: 'problem' };
  if (text.includes('?') || QUESTION_START.test(text)) return { isActionable: true, reason: 'question' };
  if (REQUEST.test(text)) return { isActionable: true, reason: 'request' };
  if (sentiment.probabilities.negative >= 0.5 || intent.label === 'complaint') {
    return { isActionable: true, reason: 'complaint' };
  }
  if (SERVICE_INTENTS.has(intent.label) && intent.confidence >= 0.6)
    return { isActionable: true, reason: 'request' };
  if (intent.label === 'praise' || sentiment.label === 'positive')
    return { isActionable: false, reason: 'praise' };
  // Someone writing privately to a brand usually expects an answer; in public it is chatter.
  if (!input.isPublic || hasSignal(signals, 'repeat_contact'))
    return { isActionable: true, reason: 'direct_message' };
  return { isActionable: false, reason: 'chatter' };
}
