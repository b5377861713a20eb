// Skills-based routing: the most proficient available agent in the team who has every required
// skill; after set waits the group widens (lower proficiency, other teams, any skills).
import { byLeastLoaded, hasCapacityFor, isOnline } from './eligibility.ts';
import type { AgentSnapshot, RoutableConversation, SkillRequirement, Strategy } from './types.ts';

export interface OverflowStage {
  /** The stage opens once the conversation has waited this long. */
  afterWaitMs: number;
  /** Teams allowed at this stage: listed ids (plus the conversation's team) or 'any'. */
  teams?: string[] | 'any';
  /** Lower every required proficiency by this many levels (never below 1). */
  proficiencyDrop?: number;
  /** Drop the skill requirement altogether. */
  ignoreSkills?: boolean;
}

export interface SkillsBasedOptions {
  overflow?: OverflowStage[];
}

interface Group {
  label: string;
  teams: string[] | 'any';
  requirements: SkillRequirement[];
}

function groupsFor(
  conversation: RoutableConversation,
  options: SkillsBasedOptions,
  waitedMs: number,
): Group[] {
  const own = conversation.teamId === null ? 'any' : [conversation.teamId];
  const groups: Group[] = [{ label: 'skills match', teams: own, requirements: conversation.requiredSkills }];
  (options.overflow ?? [])
    .filter((stage) => waitedMs >= stage.afterWaitMs)
    .sort((a, b) => a.afterWaitMs - b.afterWaitMs)
    .forEach((stage, index) => {
      const teams = stage.teams === 'any' || own === 'any' ? 'any' : [...own, ...(stage.teams ?? [])];
      const drop = stage.proficiencyDrop ?? 0;
      const requirements = stage.ignoreSkills
        ? []
        : conversation.requiredSkills.map((r) => ({
            skill: r.skill,
            minProficiency: Math.max(1, r.minProficiency - drop),
          }));
      groups.push({ label: `overflow stage ${index + 1}`, teams, requirements });
    });
  return groups;
}

function proficiency(agent: AgentSnapshot, requirements: SkillRequirement[]): number {
  return requirements.reduce((sum, r) => sum + (agent.skills[r.skill] ?? 0), 0);
}

export function createSkillsBased(options: SkillsBasedOptions = {}): Strategy {
  return {
    name: 'skills_based',
    decide(conversation, context) {
      const waitedMs = context.now - conversation.waitingSince;
      const available = context.agents.filter((a) => isOnline(a) && hasCapacityFor(a, conversation.workKind));
      for (const group of groupsFor(conversation, options, waitedMs)) {
        const members = available.filter(
          (agent) =>
            (group.teams === 'any' || group.teams.some((team) => agent.teamIds.includes(team))) &&
            group.requirements.every((r) => (agent.skills[r.skill] ?? 0) >= r.minProficiency),
        );
        const leastLoaded = byLeastLoaded(conversation.workKind);
        const best = members.sort(
          (a, b) =>
            proficiency(b, group.requirements) - proficiency(a, group.requirements) || leastLoaded(a, b),
        )[0];
        if (best) return { kind: 'assign', agentId: best.id, strategy: 'skills_based', reason: group.label };
      }
      return { kind: 'queue', strategy: 'skills_based', reason: 'no_skilled_agent_available' };
    },
  };
}
