import { facebookFixtures } from '../fixtures/facebook.ts';
import { instagramFixtures } from '../fixtures/instagram.ts';
import { messengerFixtures } from '../fixtures/messenger.ts';
import { whatsappFixtures } from '../fixtures/whatsapp.ts';
import { describeAdapterContract } from './describe-adapter-contract.ts';

// Every adapter runs the same contract. New adapters (API, email, web chat) add a line here.
describeAdapterContract('messenger', messengerFixtures);
describeAdapterContract('facebook', facebookFixtures);
describeAdapterContract('instagram', instagramFixtures);
describeAdapterContract('whatsapp', whatsappFixtures);
