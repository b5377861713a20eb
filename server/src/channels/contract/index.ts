export { describeAdapterContract } from './describe-adapter-contract.ts';
export { describeParserFuzz } from './describe-parser-fuzz.ts';
export { describeSendFuzz } from './describe-send-fuzz.ts';
export type {
  AdapterFixtureSet,
  BatchCase,
  ExpectedEvent,
  PayloadCase,
  RefusalCase,
  ResponseCase,
  SendCase,
} from './fixture-set.ts';
export { toRawBody } from './fixture-set.ts';
export { deliveryProblems, eventProblems } from './well-formed.ts';
