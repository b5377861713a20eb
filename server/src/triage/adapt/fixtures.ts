// A synthetic account (a street-food chain) whose customers use slang the shared models misread:
// "sick" and "filthy" are praise, and "glowcard" questions are about billing. Our own examples.
const DISHES = ['burger', 'taco', 'wrap', 'noodle box', 'chicken bun', 'loaded fries', 'milkshake', 'curry'];
const PRAISE = [
  'that {d} was sick',
  'the new {d} is so sick',
  'honestly the {d} tonight was filthy',
  'sick {d} as always',
  '{d} was absolutely filthy, sick',
];
const GLOWCARD = [
  'glowcard points missing after the {d}',
  'glowcard stamps not added for my {d}',
  'glowcard bonus not applied to the {d}',
  'glowcard points not showing for the {d}',
];
const CHATTER = [
  'going to the match with my brother tonight',
  'the weather is lovely today',
  'the delivery driver was late again and the {d} was cold',
  'my order of {d} never arrived, where is it?',
  'I want a refund for the {d}',
  'cannot log in to the app',
  'thanks for the quick reply',
  'the {d} was terrible and cold',
];

export function streetFoodCorrections() {
  const sentiment: { text: string; label: string }[] = [];
  const intent: { text: string; label: string }[] = [];
  for (const d of DISHES) {
    for (const t of PRAISE) sentiment.push({ text: t.replace('{d}', d), label: 'positive' });
    for (const t of GLOWCARD) intent.push({ text: t.replace('{d}', d), label: 'billing_payment' });
  }
  const anchors = DISHES.flatMap((d) => CHATTER.map((t) => t.replace('{d}', d)));
  return { sentiment, intent, anchors };
}

/** Messages like the corrected ones but not among them (held out for the test). */
export const SIMILAR_PRAISE = ['the milkshake tonight was sick', 'sick taco tonight, filthy'];
export const SIMILAR_GLOWCARD = ['glowcard points not added for my milkshake'];
