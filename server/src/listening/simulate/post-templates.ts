import type { Sentiment } from '../sentiment.ts';
import type { Random } from './random.ts';

export type { Sentiment };
export type Topic = 'delivery' | 'app' | 'payment' | 'support' | 'product' | 'pricing';

/** A brand (or competitor) as posts name it. All names in the simulator are invented. */
export interface BrandProfile {
  name: string;
  handle: string;
  hashtag: string;
  products: string[];
}

// Our own templates. {b} brand as people write it, {p} product, {n} a small number, {i} an item.
const EN: Record<Topic, Record<Sentiment, string[]>> = {
  delivery: {
    negative: [
      '{b} my parcel is {n} days late and nobody answers',
      'still waiting for my {b} delivery, tracking has not moved since monday',
      'courier left my {i} in the rain. thanks {b}',
      '{b} marked my order as delivered but there is nothing here',
      'third missed delivery this month from {b}, unbelievable',
    ],
    neutral: [
      'does {b} deliver on sundays?',
      'ordered a {i} from {b}, delivery says {n} days',
      'anyone know if {b} ships to the islands',
    ],
    positive: [
      'wow {b} delivered my {i} in {n} hours',
      'next day delivery from {b} actually arrived next day, impressed',
      'the {b} courier was so friendly today',
    ],
  },
  app: {
    negative: [
      'the {p} keeps crashing when I open my basket',
      '{b} app logged me out again and the password reset never arrives',
      'cannot check out on the {p}, spinning forever',
    ],
    neutral: ['is there a dark mode in the {p}?', 'new {p} update just landed, {n} mb'],
    positive: ['the new {p} is so much faster', 'love the order tracking in the {p}'],
  },
  payment: {
    negative: [
      '{b} charged me twice for one {i}',
      'refund from {b} still not back on my card after {n} weeks',
      '{p} declined my card for no reason',
    ],
    neutral: ['can I pay with {p} in store?', 'does {b} take gift cards online'],
    positive: ['refund from {b} came back in {n} days, smooth', 'paying with {p} is painless'],
  },
  support: {
    negative: [
      'on hold with {b} customer service for {n} minutes now',
      '{b} support closed my ticket without fixing anything',
      'chat agent at {b} just disconnected me. again',
    ],
    neutral: ['how do I reach {b} support on a weekend?', 'what is the {b} returns address'],
    positive: ['shout out to the {b} support team, sorted in {n} minutes', 'great help from {b} chat today'],
  },
  product: {
    negative: ['the {i} I got from {b} broke after {n} days', '{b} sent me the wrong size {i} again'],
    neutral: ['thinking of getting a {i} from {b}, any reviews?', '{b} restocked the {i}'],
    positive: ['my {b} {i} is perfect', 'honestly the best {i} I have bought, well done {b}'],
  },
  pricing: {
    negative: ['{b} raised prices again? {n}% on basics is a joke', 'delivery fee at {b} went up, bye'],
    neutral: ['is the {b} sale on this weekend', '{b} vs the others on price?'],
    positive: ['{b} price match saved me {n} quid', 'good deals on {i} at {b} this week'],
  },
};

const OTHER_LANGUAGES: Record<'es' | 'fr' | 'de', Record<Sentiment, string[]>> = {
  es: {
    negative: ['{b} mi pedido lleva {n} días de retraso', 'la aplicación de {b} no funciona, qué desastre'],
    neutral: ['¿{b} hace envíos a canarias?', 'pedí un {i} en {b}'],
    positive: ['{b} entregó mi pedido en {n} horas, genial', 'atención al cliente de {b} muy amable'],
  },
  fr: {
    negative: ['livraison {b} très lente, {n} jours de retard', 'le service client de {b} ne répond jamais'],
    neutral: ['est-ce que {b} livre le dimanche ?', 'commandé un {i} chez {b}'],
    positive: ['{b} a livré en {n} heures, bravo', 'très contente de mon {i} de {b}'],
  },
  de: {
    negative: ['{b} Lieferung seit {n} Tagen überfällig', 'die {b} App stürzt ständig ab, ärgerlich'],
    neutral: ['liefert {b} auch am Samstag?', 'habe bei {b} einen {i} bestellt'],
    positive: ['{b} hat in {n} Stunden geliefert, super', 'Kundenservice von {b} war sehr hilfreich'],
  },
};

const ITEMS = ['jacket', 'kettle', 'phone case', 'sofa', 'headphones', 'trainers', 'lamp', 'blender', 'book'];
const OPENERS: Record<Sentiment, string[]> = {
  negative: ['', '', '', 'ugh ', 'honestly ', 'PSA: ', 'seriously '],
  neutral: ['', '', '', 'hey ', 'quick q: ', 'so '],
  positive: ['', '', '', 'honestly ', 'wow ', 'lol '],
};
const CLOSERS: Record<Sentiment, string[]> = {
  negative: ['', '', '', ' 😡', ' 🙄', ' !!', ' #fail', ' smh'],
  neutral: ['', '', '', ' ?', ' 🤔', ' thanks'],
  positive: ['', '', '', ' 👍', ' 😊', ' 🙏', ' ❤️'],
};

// Posts from the same firehose that mention none of the monitored brands.
const NOISE = [
  'what a match last night, {n} goals',
  'coffee then gym then work, the usual monday',
  'anyone watching the new series? episode {n} was wild',
  'rain again, of course',
  'just finished a {n}k run',
  'cafe on the corner makes the best croissants',
  'my cat knocked the {i} off the table',
  'traffic on the ring road is terrible today',
];

/** How a post names the brand: mostly its name, sometimes its handle or hashtag, in varied case. */
export function brandMention(random: Random, brand: BrandProfile): string {
  return random.weighted([
    [brand.name, 5],
    [brand.name.toLowerCase(), 3],
    [brand.name.toUpperCase(), 0.5],
    [`@${brand.handle}`, 2],
    [`#${brand.hashtag}`, 0.5],
  ]);
}

function fill(random: Random, template: string, brand: BrandProfile): string {
  return template
    .replace('{b}', brandMention(random, brand))
    .replace('{p}', random.pick(brand.products))
    .replace('{n}', String(1 + random.int(12)))
    .replace('{i}', random.pick(ITEMS));
}

export function renderMention(
  random: Random,
  brand: BrandProfile,
  topic: Topic,
  sentiment: Sentiment,
  language: 'en' | 'es' | 'fr' | 'de',
): string {
  const templates = language === 'en' ? EN[topic][sentiment] : OTHER_LANGUAGES[language][sentiment];
  const body = fill(random, random.pick(templates), brand);
  return random.pick(OPENERS[sentiment]) + body + random.pick(CLOSERS[sentiment]);
}

export function renderNoise(random: Random): string {
  return fill(random, random.pick(NOISE), { name: '', handle: '', hashtag: '', products: [''] });
}

export const TOPICS: Topic[] = ['delivery', 'app', 'payment', 'support', 'product', 'pricing'];
