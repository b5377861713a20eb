export { buildSimulateCommand } from './command.ts';
export { DEMO_IDS, loopbackUrl, setupDemoChannels } from './demo-channels.ts';
export {
  DEMO_SURFACES,
  type DemoCustomer,
  DemoPlanner,
  type DemoSurface,
  type PlannedMessage,
} from './demo-planner.ts';
export { DemoTraffic, type DemoTrafficOptions } from './demo-traffic.ts';
export { type CannedResponse, drawFault, type Fault, type FaultRates, refusal } from './faults.ts';
export { type HostMediaInput, MediaHost } from './media-host.ts';
export { messengerAttachmentsDelivery, whatsappMediaDelivery } from './media-webhooks.ts';
export { deliveryKey, type RecordedRequest, RequestLog } from './recorder.ts';
export {
  ensureRemoteChannel,
  type RemoteParley,
  setupRemoteDemoChannels,
  signInRemote,
} from './remote-channels.ts';
export { seededRandom } from './rng.ts';
export { acceptSend, matchSendRoute, type SendKind, type SendRoute } from './send-endpoints.ts';
export type { SimulatedChannel } from './simulated-channel.ts';
export { Simulator, type SimulatorOptions } from './simulator.ts';
export { type DemoSimulationOptions, startDemoSimulation } from './start-demo.ts';
export { parseCsvRecords, parseTwcsCsv, parseTwitterDate, type TwcsTweet } from './twcs-csv.ts';
export {
  assignBrands,
  compareGrouping,
  type ExpectedGrouping,
  expectedConversations,
  type GroupingComparison,
  replayOrder,
} from './twcs-grouping.ts';
export { brandUserId, type ReplayOptions, type ReplayResult, replayTweets } from './twcs-replay.ts';
export { type SentWebhook, WebhookSender, type XAuthor } from './webhook-sender.ts';
