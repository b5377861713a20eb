import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text.ts';
import { tokenizeText } from './tokenize-text.ts';

describe('foldText', () => {
  it('applies NFKC, lower case and folds Latin, Greek and Cyrillic diacritics', () => {
    expect(foldText('Café ＡＣＭＥ Ångström ﬁne Straße Łódź ΆΈΉ Ёлка')).toBe(
      'cafe acme angstrom fine strasse lodz αεη елка',
    );
  });

  it('keeps marks that carry meaning in other scripts', () => {
    expect(foldText('नमस्ते')).toBe('नमस्ते');
  });
});

describe('tokenizeText', () => {
  it('splits words, keeps hashtags and handles whole, and finds no handle in an email address', () => {
    expect(tokenizeText('Hey @Orbly_UK, #LumoDays e-mail bob@orbly.com!').tokens).toEqual([
      'hey',
      '@orbly_uk',
      '#lumodays',
      'e',
      'mail',
      'bob',
      'orbly',
      'com',
    ]);
  });

  it("exposes a hashtag's bare word for plain-term matching", () => {
    expect(tokenizeText('#Orbly rocks').words).toEqual(['orbly', undefined]);
  });

  it('gives one token per Han or kana character and keeps other scripts as words', () => {
    expect(tokenizeText('Orblyの配送 Привет мир 😊').tokens).toEqual([
      'orbly',
      'の',
      '配',
      '送',
      'привет',
      'мир',
    ]);
  });

  it('splits plain words on underscores and apostrophes', () => {
    expect(tokenizeText("don't snake_case").tokens).toEqual(['don', 't', 'snake', 'case']);
  });
});
