export { DEFAULT_X_BASE_URL, MAX_DM_CHARS, xAdapter } from './adapter.ts';
export { MAX_TWEET_WEIGHT, weightedTweetLength } from './tweet-length.ts';
