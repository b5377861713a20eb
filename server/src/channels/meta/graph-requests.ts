import type { ChannelContext, HttpRequestSpec } from '../adapter.ts';
import { type SendApiContent, sendApiMessageBody } from './attachment-sends.ts';
import { jsonRequestHeaders, requireAccessToken, settingString } from './payload.ts';
import type { SendApiMessagingType } from './send-rules.ts';

// Graph API request builders. The base URL is a channel setting so the simulator can stand in.

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com/v21.0';

export function graphBaseUrl(channel: ChannelContext): string {
  return (settingString(channel, 'apiBaseUrl') ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
}

export function graphPost(channel: ChannelContext, path: string, body: unknown): HttpRequestSpec {
  return {
    method: 'POST',
    url: `${graphBaseUrl(channel)}/${path}`,
    headers: jsonRequestHeaders(requireAccessToken(channel)),
    body: JSON.stringify(body),
  };
}

/**
 * Messenger echoes `message.metadata` back in `message_echoes`: tagging each send with Parley's
 * message id lets a send whose answer was lost (timeout) be reconciled from its echo. Instagram's
 * Send API does not document the field, so Instagram sends go without it.
 */
export const ECHO_TAG_PREFIX = 'parley:';

export function echoTag(messageId: string): string {
  return `${ECHO_TAG_PREFIX}${messageId}`;
}

/** Send API (Messenger and Instagram DMs) to a user id: the reply's text or its one file. */
export function sendApiToUser(
  channel: ChannelContext,
  recipientId: string,
  content: SendApiContent,
  messagingType: SendApiMessagingType,
  echoTagValue?: string,
): HttpRequestSpec {
  return graphPost(channel, 'me/messages', {
    recipient: { id: recipientId },
    ...messagingType,
    message: sendApiMessageBody(content, echoTagValue),
  });
}

/** Send API private reply: the first message to someone who commented publicly. */
export function sendApiPrivateReply(
  channel: ChannelContext,
  commentId: string,
  content: SendApiContent,
  echoTagValue?: string,
): HttpRequestSpec {
  return graphPost(channel, 'me/messages', {
    recipient: { comment_id: commentId },
    messaging_type: 'RESPONSE',
    message: sendApiMessageBody(content, echoTagValue),
  });
}

export function encodeGraphId(id: string): string {
  return encodeURIComponent(id);
}
