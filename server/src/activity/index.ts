export { appendActivity } from './append.ts';
export { ActivityConsumer, type ActivityConsumerOptions } from './consumer.ts';
export { type ActivityDto, listActivity } from './list.ts';
export type { Activity, ActivityInput, ActivityKind, MessageReceivedData } from './types.ts';
