import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

describe('detectLanguage', () => {
  it.each([
    ['en', 'Where is my order? It has been two weeks and nobody answers'],
    ['es', 'Hola, mi pedido no ha llegado todavía y nadie me contesta'],
    ['fr', "Bonjour, je n'ai pas reçu ma commande et personne ne répond"],
    ['de', 'Hallo, meine Bestellung ist noch nicht angekommen und niemand antwortet'],
    ['pt', 'Olá, o meu pedido ainda não chegou e ninguém responde'],
    ['it', 'Ciao, il mio ordine non è ancora arrivato e nessuno mi risponde'],
    ['nl', 'Hallo, mijn bestelling is nog niet aangekomen en niemand reageert'],
  ])('detects %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('says und for text with no language evidence', () => {
    expect(detectLanguage('https://t.co/abc @brand 👍')).toBe('und');
  });
});
