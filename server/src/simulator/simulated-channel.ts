import type { Provider } from '../channels/index.ts';

/** A Parley channel the simulator plays the platform for: where its webhooks go and how they are signed. */
export interface SimulatedChannel {
  provider: Provider;
  channelId: string;
  /** Meta app secret, X consumer secret, or the API channel's signing secret. */
  signingSecret: string;
  /** The bearer token Parley sends; it also tells the simulator which channel a send is for. */
  accessToken?: string;
  /** Parley's base URL for this channel's webhooks (`{parleyUrl}/webhooks/{provider}/{channelId}`). */
  parleyUrl?: string;
  pageId?: string;
  igAccountId?: string;
  phoneNumberId?: string;
  wabaId?: string;
  /** X: the brand account's user id (`for_user_id`) and handle. */
  userId?: string;
  handle?: string;
}
