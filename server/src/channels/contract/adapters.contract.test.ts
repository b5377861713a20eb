import { messengerFixtures } from '../fixtures/messenger.ts';
import { describeAdapterContract } from './describe-adapter-contract.ts';

describeAdapterContract('messenger', messengerFixtures);
