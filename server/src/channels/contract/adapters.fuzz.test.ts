import { channelFixtureSets } from '../fixtures/index.ts';
import { describeParserFuzz } from './describe-parser-fuzz.ts';
import { describeSendFuzz } from './describe-send-fuzz.ts';

for (const [name, fixtures] of Object.entries(channelFixtureSets)) {
  describeParserFuzz(name, fixtures);
  describeSendFuzz(name, fixtures);
}
