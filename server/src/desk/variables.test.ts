import { describe, expect, it } from 'vitest';
import { replyLimit } from './reply-limits.ts';
import { renderTemplate, unknownVariables, type VariableValues } from './variables.ts';

const values: VariableValues = {
  contact: { name: 'Dana Q. Smith', handle: '@dana' },
  agent: { name: 'Sam Agent' },
  conversation: { id: 'c-1', channelName: 'Support X' },
  account: { name: 'Acme' },
};

describe('canned response variables', () => {
  it('fills known variables, with spaces inside the braces too', () => {
    expect(
      renderTemplate(
        'Hi {{contact.first_name}}, {{ agent.first_name }} from {{account.name}} (ref {{conversation.id}})',
        values,
      ),
    ).toBe('Hi Dana, Sam from Acme (ref c-1)');
    expect(renderTemplate('{{contact.name}} / {{agent.name}} / {{channel.name}}', values)).toBe(
      'Dana Q. Smith / Sam Agent / Support X',
    );
  });

  it('falls back when a name is missing', () => {
    const anonymous = { ...values, contact: { name: null, handle: null }, agent: { name: null } };
    expect(renderTemplate('Hi {{contact.first_name}}, {{agent.name}} here', anonymous)).toBe(
      'Hi there, the team here',
    );
    expect(
      renderTemplate('Hi {{contact.first_name}}', { ...values, contact: { name: '  ', handle: '@h' } }),
    ).toBe('Hi @h');
  });

  it('lists unknown variables once each and leaves them as written', () => {
    expect(unknownVariables('{{contact.firstname}} {{agent.name}} {{contact.firstname}} {{x}}')).toEqual([
      'contact.firstname',
      'x',
    ]);
    expect(unknownVariables('no variables, {single} braces')).toEqual([]);
    expect(renderTemplate('{{nope}}', values)).toBe('{{nope}}');
  });

  it('measures against the channel limit (X weighs URLs as 23)', () => {
    const x = replyLimit('x', true);
    expect(x.max).toBe(280);
    expect(x.measure(`see https://example.com/${'a'.repeat(100)}`)).toBe(4 + 23);
    expect(replyLimit('instagram', false)).toMatchObject({ max: 1000, unit: 'bytes' });
    expect(replyLimit('instagram', false).measure('é')).toBe(2);
  });
});
