import { type ChannelAdapter, type NormalizedEvent, ReplyRefused } from '../adapter.ts';
import {
  expectShape,
  jsonRequestHeaders,
  parseJsonObject,
  requireAccessToken,
  settingString,
} from '../meta/payload.ts';
import { interpretXSend } from './interpret-send.ts';
import { parseDirectMessage } from './parse-direct-messages.ts';
import { parseTweet, parseTweetDelete } from './parse-tweets.ts';
import { XEnvelope } from './schemas.ts';
import { MAX_TWEET_WEIGHT, weightedTweetLength } from './tweet-length.ts';
import { answerCrc, verifyXSignature } from './webhook.ts';

export const DEFAULT_X_BASE_URL = 'https://api.x.com';
export const MAX_DM_CHARS = 10_000;

// X (Account Activity style webhooks; v2 send endpoints). Favourites, follows, blocks, typing and
// read indicators are ignored.

export const xAdapter: ChannelAdapter = {
  provider: 'x',
  capabilities: () => ({
    isPublic: true,
    isPrivate: true,
    maxTextLength: MAX_TWEET_WEIGHT,
    messagingWindowHours: null,
    // X media must first go through the chunked media upload API with user-context OAuth, which
    // Parley does not do yet: replies with files are refused before anything is sent.
    supportsAttachments: false,
    supportsTemplates: false,
  }),
  answerHandshake: answerCrc,
  verifySignature: verifyXSignature,
  parse(rawBody, channel) {
    const envelope = expectShape(XEnvelope, parseJsonObject(rawBody), 'payload');
    const configuredUserId = settingString(channel, 'userId');
    // One X app can subscribe several brand accounts; each channel keeps only its own user's events.
    if (configuredUserId && envelope.for_user_id && envelope.for_user_id !== configuredUserId) return [];
    const brandUserId = envelope.for_user_id ?? configuredUserId;
    const events: NormalizedEvent[] = [];
    (envelope.tweet_create_events ?? []).forEach((tweet, index) => {
      events.push(parseTweet(tweet, brandUserId, `tweet_create_events.${index}`));
    });
    (envelope.tweet_delete_events ?? []).forEach((deletion, index) => {
      events.push(parseTweetDelete(deletion, `tweet_delete_events.${index}`));
    });
    const users = envelope.users ?? {};
    (envelope.direct_message_events ?? []).forEach((dm, index) => {
      const event = parseDirectMessage(dm, users, brandUserId, `direct_message_events.${index}`);
      if (event) events.push(event);
    });
    return events;
  },
  buildSend(reply, channel) {
    const base = (settingString(channel, 'apiBaseUrl') ?? DEFAULT_X_BASE_URL).replace(/\/+$/, '');
    const headers = jsonRequestHeaders(requireAccessToken(channel));
    if (reply.isPublic) {
      if (!reply.replyToExternalId) {
        throw new ReplyRefused('missing_recipient', 'A public X reply needs the post it answers.');
      }
      const weight = weightedTweetLength(reply.text);
      if (weight > MAX_TWEET_WEIGHT) {
        throw new ReplyRefused(
          'too_long',
          `An X post allows ${MAX_TWEET_WEIGHT} characters (links count 23, most emoji and CJK count 2); this reply counts ${weight}.`,
        );
      }
      return {
        method: 'POST',
        url: `${base}/2/tweets`,
        headers,
        body: JSON.stringify({ text: reply.text, reply: { in_reply_to_tweet_id: reply.replyToExternalId } }),
      };
    }
    if (!reply.recipientExternalId) {
      throw new ReplyRefused('missing_recipient', 'An X DM needs the customer’s user id.');
    }
    const length = [...reply.text].length;
    if (length > MAX_DM_CHARS) {
      throw new ReplyRefused(
        'too_long',
        `An X DM allows ${MAX_DM_CHARS} characters; this reply has ${length}.`,
      );
    }
    return {
      method: 'POST',
      url: `${base}/2/dm_conversations/with/${encodeURIComponent(reply.recipientExternalId)}/messages`,
      headers,
      body: JSON.stringify({ text: reply.text }),
    };
  },
  interpretSend: interpretXSend,
};
