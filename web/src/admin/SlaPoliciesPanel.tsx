import { type FormEvent, useCallback, useEffect, useState } from 'react';
import {
  type BusinessCalendar,
  describeFailure,
  routingApi,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaRule,
} from '../api/routing.ts';
import { providerLabel } from '../ui/format.ts';
import { minutesTextToMs, msToMinutesText, SaveMessage, useSave } from './RoutingFormParts.tsx';

const CHANNELS = ['x', 'instagram', 'facebook', 'messenger', 'whatsapp', 'email', 'webchat', 'api'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const TARGETS = [
  ['firstResponseMs', 'First response'],
  ['nextResponseMs', 'Next response'],
  ['resolutionMs', 'Resolution'],
] as const;

/** Targets as the form edits them: minutes as text (blank: not measured). */
type RuleDraft = Omit<SlaRule, 'targets'> & { targets: Record<(typeof TARGETS)[number][0], string> };

const NEW_RULE: RuleDraft = {
  name: 'Everything else',
  match: {},
  targets: { firstResponseMs: '60', nextResponseMs: '60', resolutionMs: '1440' },
};

/** SLA policies: ordered rules (first match wins) by channel, visibility and priority, with targets. */
export function SlaPoliciesPanel({ calendarsVersion }: { calendarsVersion: number }) {
  const [policies, setPolicies] = useState<SlaPolicy[]>([]);
  const [calendars, setCalendars] = useState<BusinessCalendar[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([routingApi.slaPolicies(), routingApi.calendars()]).then(
      ([p, c]) => {
        setPolicies(p.items);
        setCalendars(c.items);
      },
      (failure: unknown) => setError(describeFailure(failure, 'Could not load SLA policies')),
    );
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: calendarsVersion says a calendar was saved
  useEffect(load, [load, calendarsVersion]);
  return (
    <section aria-labelledby="sla-title" className="panel routing-admin">
      <h2 id="sla-title">SLA policies</h2>
      <p className="hint">
        Without a policy the built-in default applies (X and Instagram public 60 min, Facebook comments 6 h,
        private messages 2 h, email 24 h). Priority scales a rule's targets (urgent ×0.5, high ×0.75) unless
        the rule names priorities.
      </p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {policies.map((p) => (
        <PolicyEditor key={p.id} policy={p} calendars={calendars} onSaved={load} />
      ))}
      <PolicyEditor key={`new-${policies.length}`} policy={null} calendars={calendars} onSaved={load} />
    </section>
  );
}

function toDraft(rule: SlaRule): RuleDraft {
  return {
    ...rule,
    targets: {
      firstResponseMs: msToMinutesText(rule.targets.firstResponseMs),
      nextResponseMs: msToMinutesText(rule.targets.nextResponseMs),
      resolutionMs: msToMinutesText(rule.targets.resolutionMs),
    },
  };
}

function PolicyEditor({
  policy,
  calendars,
  onSaved,
}: {
  policy: SlaPolicy | null;
  calendars: BusinessCalendar[];
  onSaved: () => void;
}) {
  const [name, setName] = useState(policy?.name ?? '');
  const [calendarId, setCalendarId] = useState(policy?.calendarId ?? '');
  const [atRiskPercent, setAtRiskPercent] = useState(String(Math.round((policy?.atRiskShare ?? 0.75) * 100)));
  const [isDefault, setIsDefault] = useState(policy?.isDefault ?? false);
  const [rules, setRules] = useState<RuleDraft[]>(() => (policy ? policy.rules.map(toDraft) : [NEW_RULE]));
  const [result, save, isSaving] = useSave();
  const prefix = `sla-${policy?.id ?? 'new'}`;
  const title = policy ? policy.name : 'New SLA policy';
  const setRule = (i: number, patch: Partial<RuleDraft>) =>
    setRules((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const toggle = (list: string[] | undefined, value: string, on: boolean) => {
    const next = (list ?? []).filter((v) => v !== value);
    return on ? [...next, value] : next;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: SlaPolicyInput = {
      name: name.trim(),
      calendarId: calendarId || null,
      atRiskShare: Number(atRiskPercent) / 100,
      priorityFactors: policy?.priorityFactors ?? {},
      isDefault,
      rules: rules.map((r) => ({
        name: r.name.trim(),
        match: {
          ...(r.match.channels?.length ? { channels: r.match.channels } : {}),
          ...(r.match.visibility ? { visibility: r.match.visibility } : {}),
          ...(r.match.priorities?.length ? { priorities: r.match.priorities } : {}),
        },
        targets: {
          firstResponseMs: minutesTextToMs(r.targets.firstResponseMs),
          nextResponseMs: minutesTextToMs(r.targets.nextResponseMs),
          resolutionMs: minutesTextToMs(r.targets.resolutionMs),
        },
      })),
    };
    const ok = await save(
      () => (policy ? routingApi.updateSlaPolicy(policy.id, body) : routingApi.createSlaPolicy(body)),
      policy ? `Saved ${body.name}.` : `Created ${body.name}.`,
    );
    if (ok) onSaved();
  };

  const remove = async () => {
    if (!policy || !window.confirm(`Delete the SLA policy ${policy.name}?`)) return;
    if (await save(() => routingApi.deleteSlaPolicy(policy.id), `Deleted ${policy.name}.`)) onSaved();
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`SLA policy: ${title}`}>
      <fieldset>
        <legend>
          {title}
          {policy?.isDefault ? ' (default)' : ''}
        </legend>
        <div className="field-row">
          <label htmlFor={`${prefix}-name`}>
            Name
            <input
              id={`${prefix}-name`}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label htmlFor={`${prefix}-calendar`}>
            Business hours
            <select
              id={`${prefix}-calendar`}
              value={calendarId}
              onChange={(e) => setCalendarId(e.target.value)}
            >
              <option value="">Around the clock (24/7)</option>
              {calendars.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.timeZone})
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={`${prefix}-risk`}>
            At risk after (% of target)
            <input
              id={`${prefix}-risk`}
              type="number"
              min={1}
              max={99}
              step={1}
              value={atRiskPercent}
              onChange={(e) => setAtRiskPercent(e.target.value)}
            />
          </label>
          <label className="inline">
            <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
            The account's default policy
          </label>
        </div>
        <table>
          <caption className="hint">
            Rules, first match wins. Targets in business minutes; blank: not measured.
          </caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Channels (none: any)</th>
              <th scope="col">Visibility</th>
              <th scope="col">Priorities (none: any)</th>
              {TARGETS.map(([key, label]) => (
                <th key={key} scope="col">
                  {label}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; their order is the point
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Rule ${i + 1} name`}
                    required
                    maxLength={100}
                    value={r.name}
                    onChange={(e) => setRule(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <fieldset className="member-list">
                    <legend className="visually-hidden">Rule {i + 1} channels</legend>
                    {CHANNELS.map((ch) => (
                      <label key={ch} className="inline">
                        <input
                          type="checkbox"
                          checked={r.match.channels?.includes(ch) ?? false}
                          onChange={(e) =>
                            setRule(i, {
                              match: { ...r.match, channels: toggle(r.match.channels, ch, e.target.checked) },
                            })
                          }
                        />
                        {providerLabel(ch)}
                      </label>
                    ))}
                  </fieldset>
                </td>
                <td>
                  <select
                    aria-label={`Rule ${i + 1} visibility`}
                    value={r.match.visibility ?? ''}
                    onChange={(e) => {
                      const { visibility: _, ...rest } = r.match;
                      const value = e.target.value as '' | 'public' | 'private';
                      setRule(i, { match: value ? { ...rest, visibility: value } : rest });
                    }}
                  >
                    <option value="">Any</option>
                    <option value="public">Public</option>
                    <option value="private">Private</option>
                  </select>
                </td>
                <td>
                  <fieldset className="member-list">
                    <legend className="visually-hidden">Rule {i + 1} priorities</legend>
                    {PRIORITIES.map((p) => (
                      <label key={p} className="inline">
                        <input
                          type="checkbox"
                          checked={r.match.priorities?.includes(p) ?? false}
                          onChange={(e) =>
                            setRule(i, {
                              match: {
                                ...r.match,
                                priorities: toggle(r.match.priorities, p, e.target.checked),
                              },
                            })
                          }
                        />
                        {p}
                      </label>
                    ))}
                  </fieldset>
                </td>
                {TARGETS.map(([key, label]) => (
                  <td key={key}>
                    <input
                      type="number"
                      min={1}
                      step="any"
                      aria-label={`Rule ${i + 1} ${label.toLowerCase()} target (minutes)`}
                      placeholder="not measured"
                      value={r.targets[key]}
                      onChange={(e) => setRule(i, { targets: { ...r.targets, [key]: e.target.value } })}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="small"
                    disabled={i === 0}
                    aria-label={`Move rule ${i + 1} up`}
                    onClick={() =>
                      setRules((list) => {
                        const next = [...list];
                        const [moved] = next.splice(i, 1);
                        if (moved) next.splice(i - 1, 0, moved);
                        return next;
                      })
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove rule ${i + 1}`}
                    onClick={() => setRules((list) => list.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="panel-actions">
          <button
            type="button"
            className="small"
            onClick={() => setRules((list) => [...list, { ...NEW_RULE }])}
          >
            Add a rule
          </button>
          <button type="submit" className="primary" disabled={isSaving}>
            {policy ? 'Save policy' : 'Create policy'}
          </button>
          {policy ? (
            <button type="button" onClick={() => void remove()} disabled={isSaving}>
              Delete
            </button>
          ) : null}
        </div>
        <SaveMessage result={result} />
      </fieldset>
    </form>
  );
}
