/** Time is injected everywhere so SLA, threading and tests are exact. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
