import { describe, expect, it } from 'vitest';
import { parameterCount, parameterProblems, renderTemplateBody, templateProblems } from './template-body.ts';

const body = 'Hi {{1}}, your order {{2}} has shipped. Reply here if {{1}} needs help.';

describe('WhatsApp template bodies', () => {
  it('counts parameters by the highest placeholder, repeats included once', () => {
    expect(parameterCount(body)).toBe(2);
    expect(parameterCount('Thanks for waiting!')).toBe(0);
  });

  it('renders every occurrence and leaves unfilled placeholders visible', () => {
    expect(renderTemplateBody(body, ['Ana', 'A-17'])).toBe(
      'Hi Ana, your order A-17 has shipped. Reply here if Ana needs help.',
    );
    expect(renderTemplateBody(body, ['Ana'])).toContain('order {{2}}');
  });

  it('accepts a well-formed template and names each problem of a bad one', () => {
    expect(templateProblems({ name: 'order_shipped', language: 'en_US', body })).toEqual([]);
    const fields = templateProblems({ name: 'Order Shipped', language: 'english', body: 'Hi {{2}}' }).map(
      (p) => p.field,
    );
    expect(fields).toEqual(['name', 'language', 'body']);
  });

  it('wants exactly the parameters the body takes, none empty or multi-line', () => {
    expect(parameterProblems(body, ['Ana', 'A-17'])).toEqual([]);
    expect(parameterProblems(body, ['Ana'])[0]?.message).toMatch(/takes 2 parameter/);
    expect(parameterProblems(body, ['Ana', ' '])).toEqual([
      { field: 'parameters.1', message: '{{2}} is empty' },
    ]);
    expect(parameterProblems(body, ['Ana\nB', 'x'])[0]?.field).toBe('parameters.0');
  });
});
