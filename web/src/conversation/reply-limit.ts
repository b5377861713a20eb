import { weightedTweetLength } from '../../../server/src/channels/x/tweet-length.ts';

// The same limits the server's channel adapters enforce in buildSend, so the counter warns
// before the outbox refuses. X posts use X's weighted length (URLs 23, emoji 2).

export interface ReplyLimit {
  max: number;
  unit: 'characters' | 'bytes';
  measure: (text: string) => number;
}

const chars = (text: string) => [...text].length;
const bytes = (text: string) => new TextEncoder().encode(text).length;

export function replyLimit(provider: string, isPublic: boolean): ReplyLimit {
  switch (provider) {
    case 'x':
      return isPublic
        ? { max: 280, unit: 'characters', measure: weightedTweetLength }
        : { max: 10_000, unit: 'characters', measure: chars };
    case 'messenger':
      return { max: 2000, unit: 'characters', measure: chars };
    case 'facebook':
      return isPublic
        ? { max: 8000, unit: 'characters', measure: chars }
        : { max: 2000, unit: 'characters', measure: chars };
    case 'instagram':
      return isPublic
        ? { max: 2200, unit: 'characters', measure: chars }
        : { max: 1000, unit: 'bytes', measure: bytes };
    case 'whatsapp':
      return { max: 4096, unit: 'characters', measure: chars };
    default:
      return { max: 10_000, unit: 'characters', measure: chars };
  }
}
