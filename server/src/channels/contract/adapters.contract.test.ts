import { channelFixtureSets } from '../fixtures/index.ts';
import { describeAdapterContract } from './describe-adapter-contract.ts';

// Every adapter runs the same contract. New adapters (API, email, web chat) add their fixture set.
for (const [name, fixtures] of Object.entries(channelFixtureSets)) describeAdapterContract(name, fixtures);
