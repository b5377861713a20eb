// The demo's own customer texts (Parley ships no third-party data). `{order}`, `{brand}`, `{city}`
// and `{minutes}` are filled in when a message is generated.

export type Topic = 'delivery' | 'refund' | 'login' | 'outage' | 'praise' | 'chatter' | 'complaint';

export interface TopicTemplates {
  weight: number;
  /** Share of this topic's messages sent in public (X mention, Facebook or Instagram comment). */
  publicShare: number;
  openers: string[];
  followUps: string[];
}

export const TOPICS: Record<Topic, TopicTemplates> = {
  delivery: {
    weight: 5,
    publicShare: 0.35,
    openers: [
      'Where is my order {order}? Tracking has said "out for delivery" since Monday.',
      'Order {order} was due yesterday and still nothing. I need the boots for a trip on Saturday.',
      'The courier says my parcel was delivered but there is nothing at my door. Order {order}.',
      'Any update on {order}? Paid for next-day delivery four days ago.',
      'Hi, my order {order} shows as stuck in {city} for a week now. Can someone check?',
    ],
    followUps: [
      'Still nothing today. Can you give me an actual date please?',
      'It turned up at a neighbour, all sorted. Thanks!',
      'The tracking link you sent does not work for me.',
      'Ok, I have sent my address by DM.',
    ],
  },
  refund: {
    weight: 3,
    publicShare: 0.25,
    openers: [
      'I returned a jacket three weeks ago (order {order}) and I still have not been refunded.',
      'How long do refunds take? Sent the return back on the 2nd, order {order}.',
      'You charged me twice for order {order}. Please refund the second payment.',
      'The refund for {order} came back £20 short. The returns label was supposed to be free.',
    ],
    followUps: [
      'Any news on the refund?',
      'My bank says nothing has come through yet.',
      'Refund arrived this morning, thank you.',
    ],
  },
  login: {
    weight: 2,
    publicShare: 0.15,
    openers: [
      'I cannot log in to the app, it keeps saying my password is wrong even after resetting it.',
      'The password reset email never arrives. Checked spam too.',
      'Your app logs me out every time I open the basket. iPhone, latest version.',
      'Two-factor code is not being sent to my phone, locked out of my account.',
    ],
    followUps: [
      'Tried again, same error.',
      'Reinstalled the app, still stuck.',
      'Working now, thanks for the help.',
    ],
  },
  outage: {
    weight: 2,
    publicShare: 0.8,
    openers: [
      'Is the website down? Getting an error at checkout for the last {minutes} minutes.',
      'Checkout keeps failing with "something went wrong". Anyone else?',
      'Your site has been down for {minutes} minutes in the middle of the sale. Great timing.',
      'App will not load at all this morning. Is there an outage?',
    ],
    followUps: ['Still down.', 'Back up now, managed to order.', 'Any ETA on the fix?'],
  },
  praise: {
    weight: 2,
    publicShare: 0.85,
    openers: [
      'Huge thanks to the team for sorting my exchange so quickly!',
      'Best customer service I have had all year, the new tent arrived in a day.',
      'Love the new rain jacket, kept me dry through a whole weekend in {city}.',
      'Just wanted to say the agent I spoke to yesterday was brilliant.',
    ],
    followUps: ['Will definitely order again.'],
  },
  chatter: {
    weight: 2,
    publicShare: 0.95,
    openers: [
      'Anyone tried the new trail shoes? Worth it?',
      'When is the winter sale starting?',
      'Do you ship to Ireland?',
      'Is the {city} store open on Sunday?',
      'Those new colours look great 😍',
    ],
    followUps: ['Thanks!', 'Good to know.'],
  },
  complaint: {
    weight: 1,
    publicShare: 1,
    openers: [
      'Absolutely shocking service from {brand}. Order {order} lost, three emails ignored, nobody cares.',
      'Third time my order has gone missing. Never shopping with {brand} again. Order {order}.',
      '{brand} took my money two weeks ago and will not answer anyone. Avoid.',
      'Waited {minutes} minutes on your chat and got cut off. Appalling.',
    ],
    followUps: [
      'Still no reply. Followers, take note.',
      'Thanks for finally getting back to me, sent you the details.',
      'A DM is not a fix. Just refund me.',
    ],
  },
};

export const FIRST_NAMES = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Finn',
  'Grace',
  'Hamza',
  'Isla',
  'Jonah',
  'Kemi',
  'Liam',
  'Maya',
  'Nikhil',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomasz',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zara',
];
export const LAST_NAMES = [
  'Adeyemi',
  'Brown',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lopez',
  'Murphy',
  'Novak',
  'Okafor',
  'Patel',
];
export const CITIES = [
  'Leeds',
  'Bristol',
  'Glasgow',
  'Cardiff',
  'the Lake District',
  'Manchester',
  'Belfast',
];

export function fillTemplate(
  text: string,
  values: { order: string; brand: string; city: string; minutes: number },
): string {
  return text
    .replaceAll('{order}', values.order)
    .replaceAll('{brand}', values.brand)
    .replaceAll('{city}', values.city)
    .replaceAll('{minutes}', String(values.minutes));
}
