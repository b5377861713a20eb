import { describe, expect, it } from 'vitest';
import { nextBestConversation } from './manual-pull.ts';
import { agent, conversation, T0 } from './test-fixtures.ts';

const MIN = 60_000;

describe('manual pull: next best conversation', () => {
  const queue = [
    conversation('old-normal', { waitingSince: T0 - 30 * MIN }),
    conversation('urgent-sales', { priority: 'urgent', teamId: 'sales' }),
    conversation('high-german', {
      priority: 'high',
      waitingSince: T0 - 2 * MIN,
      requiredSkills: [{ skill: 'german', minProficiency: 3 }],
    }),
    conversation('high-chat', {
      priority: 'high',
      workKind: 'chat',
      waitingSince: T0 - MIN,
      slaDueAt: T0 + 90 * MIN,
    }),
    conversation('normal-due-soon', { slaDueAt: T0 + 5 * MIN }),
  ];

  it('gives the highest in queue order among the conversations the agent may take', () => {
    expect(nextBestConversation(agent('a'), queue)?.id).toBe('high-chat');
    expect(nextBestConversation(agent('a', { skills: { german: 4 } }), queue)?.id).toBe('high-german');
    expect(nextBestConversation(agent('a', { teamIds: ['care', 'sales'] }), queue)?.id).toBe('urgent-sales');
  });

  it('follows the configured order and skill rule', () => {
    expect(nextBestConversation(agent('a'), queue, { order: 'sla_due_first' })?.id).toBe('normal-due-soon');
    expect(nextBestConversation(agent('a'), queue, { requireSkills: false })?.id).toBe('high-german');
  });

  it('offers nothing past capacity or to an agent who is away', () => {
    expect(nextBestConversation(agent('a', { load: { chat: 3 } }), queue)?.id).toBe('old-normal');
    expect(nextBestConversation(agent('a', { load: { chat: 3, social: 8 } }), queue)).toBeNull();
    expect(nextBestConversation(agent('a', { presence: 'away' }), queue)).toBeNull();
  });
});
