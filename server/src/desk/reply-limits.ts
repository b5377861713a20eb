import { weightedTweetLength } from '../channels/x/tweet-length.ts';

// The limits the channel adapters enforce in buildSend, so a rendered canned response is checked
// before an agent tries to send it (the web composer mirrors these in conversation/reply-limit.ts).

export interface ReplyLimit {
  max: number;
  unit: 'characters' | 'bytes';
  measure: (text: string) => number;
}

const chars = (text: string) => [...text].length;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export function replyLimit(provider: string, isPublic: boolean): ReplyLimit {
  switch (provider) {
    case 'x':
      return isPublic
        ? { max: 280, unit: 'characters', measure: weightedTweetLength }
        : { max: 10_000, unit: 'characters', measure: chars };
    case 'messenger':
      return { max: 2000, unit: 'characters', measure: chars };
    case 'facebook':
      return { max: isPublic ? 8000 : 2000, unit: 'characters', measure: chars };
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
