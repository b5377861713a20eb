import { useState } from 'react';
import { type AgentBoardRow, routingApi, type Skill } from '../api/routing.ts';
import { useAgentBoard } from '../wallboard/agent-board.ts';
import { SaveMessage, useSave } from './RoutingFormParts.tsx';

const PROFICIENCY = ['1 basic', '2', '3 competent', '4', '5 expert'];

/** Skills per agent with a proficiency from 1 (basic) to 5 (expert), used by skills-based routing. */
export function SkillsPanel() {
  const board = useAgentBoard();
  const agents = [...board.agents.values()];
  const known = [...new Set(agents.flatMap((a) => a.skills.map((s) => s.skill)))].sort();
  return (
    <section aria-labelledby="skills-title" className="panel routing-admin">
      <h2 id="skills-title">Skills</h2>
      <datalist id="known-skills">
        {known.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <table>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Skills and proficiency</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <SkillsRow key={a.id} agent={a} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SkillsRow({ agent }: { agent: AgentBoardRow }) {
  const board = useAgentBoard();
  const [skills, setSkills] = useState<Skill[]>(agent.skills);
  const [newSkill, setNewSkill] = useState('');
  const [result, save, isSaving] = useSave();
  const add = () => {
    const skill = newSkill.trim();
    if (!skill) return;
    setSkills((list) => [...list.filter((s) => s.skill !== skill), { skill, proficiency: 3 }]);
    setNewSkill('');
  };
  return (
    <tr>
      <th scope="row">{agent.name}</th>
      <td>
        <div className="field-row">
          {skills.map((s, i) => (
            <span key={s.skill} className="skill-edit">
              <label>
                {s.skill}
                <select
                  aria-label={`${agent.name}: proficiency in ${s.skill}`}
                  value={s.proficiency}
                  onChange={(event) =>
                    setSkills((list) =>
                      list.map((x, j) => (j === i ? { ...x, proficiency: Number(event.target.value) } : x)),
                    )
                  }
                >
                  {PROFICIENCY.map((label, p) => (
                    <option key={label} value={p + 1}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="small"
                aria-label={`Remove ${s.skill} from ${agent.name}`}
                onClick={() => setSkills((list) => list.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </span>
          ))}
          <label>
            <span className="visually-hidden">New skill for {agent.name}</span>
            <input
              list="known-skills"
              placeholder="Add a skill"
              maxLength={64}
              value={newSkill}
              onChange={(event) => setNewSkill(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
          </label>
          <button type="button" className="small" onClick={add} aria-label={`Add the skill to ${agent.name}`}>
            Add
          </button>
        </div>
        <SaveMessage result={result} />
      </td>
      <td>
        <button
          type="button"
          className="primary"
          disabled={isSaving}
          aria-label={`Save skills of ${agent.name}`}
          onClick={() =>
            void save(() => routingApi.setSkills(agent.id, skills), `Saved skills of ${agent.name}.`).then(
              (ok) => (ok ? board.reload() : undefined),
            )
          }
        >
          Save
        </button>
      </td>
    </tr>
  );
}
