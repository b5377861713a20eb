import type { BrandProfile } from './post-templates.ts';
import type { Random } from './random.ts';

const STARTS = [
  'vel',
  'kor',
  'zan',
  'mira',
  'tev',
  'lun',
  'bram',
  'quo',
  'sel',
  'dax',
  'fen',
  'orv',
  'pim',
  'rask',
];
const ENDS = ['ora', 'ix', 'ly', 'io', 'ent', 'ova', 'um', 'ari', 'eo', 'wick', 'dale', 'tto'];
const PRODUCT_WORDS = ['app', 'pay', 'plus', 'go', 'card', 'home', 'mobile', 'wallet', 'prime', 'box'];

/** Invented brand names (for load tests with hundreds of brands); unique within one call. */
export function syntheticBrands(random: Random, count: number): BrandProfile[] {
  const brands: BrandProfile[] = [];
  const used = new Set<string>();
  while (brands.length < count) {
    let name = random.pick(STARTS) + random.pick(ENDS);
    if (used.has(name)) name += String(brands.length);
    used.add(name);
    const display = name[0]!.toUpperCase() + name.slice(1);
    const productWords = [random.pick(PRODUCT_WORDS), random.pick(PRODUCT_WORDS)];
    brands.push({
      name: display,
      handle: random.chance(0.5) ? name : `${name}hq`,
      hashtag: random.chance(0.5) ? name : `${name}days`,
      products: productWords.map((word) => `${display} ${word[0]!.toUpperCase()}${word.slice(1)}`),
    });
  }
  return brands;
}
