import { type FormEvent, useState } from 'react';
import {
  type RoutingScope,
  type RoutingSettings,
  type RoutingSettingsOverview,
  routingApi,
  type StrategyConfig,
} from '../api/routing.ts';
import { SaveMessage, useSave } from './RoutingFormParts.tsx';

type Key = keyof RoutingSettings;
type Draft = Partial<Record<Key, unknown>>;

const STRATEGY_LABEL: Record<string, string> = {
  round_robin: 'Round robin',
  least_loaded: 'Least loaded',
  skills_based: 'Skills based',
  sticky: 'Sticky (previous agent)',
};
const ORDER_LABEL = {
  priority_then_waiting: 'Priority, then longest waiting',
  sla_due_first: 'SLA due first',
};

export interface ScopeFormProps {
  scope: RoutingScope;
  /** 'current' for the account, else the team or channel id. */
  scopeId: string;
  title: string;
  overview: RoutingSettingsOverview;
  /** What this scope inherits when it sets nothing (defaults ⊕ account). */
  inherited: RoutingSettings;
  fields: Key[];
  teams: { id: string; name: string }[];
  slaPolicies: { id: string; name: string }[];
  onSaved: () => void;
}

/**
 * Settings of one scope. Only the fields the user changed are sent; at team and channel scope an
 * empty choice means "inherit" (null clears the override).
 */
export function RoutingSettingsForm(props: ScopeFormProps) {
  const { scope, scopeId, overview, inherited, fields } = props;
  const own: Draft =
    scope === 'account'
      ? overview.account
      : scope === 'team'
        ? (overview.teams[scopeId] ?? {})
        : (overview.channels[scopeId] ?? {});
  const [draft, setDraft] = useState<Draft>({});
  const [result, save, isSaving] = useSave();
  const canInherit = scope !== 'account';
  const currentValue = (key: Key): unknown => (key in draft ? draft[key] : own[key]);
  const set = (key: Key, value: unknown) => setDraft((d) => ({ ...d, [key]: value }));
  const id = (key: string) => `rs-${scope}-${scopeId}-${key}`;
  const inheritLabel = (text: string) => `Inherit (${text})`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(draft).length === 0) return;
    const ok = await save(() => routingApi.saveSettings(scope, scopeId, draft), `Saved ${props.title}.`);
    if (ok) {
      setDraft({});
      props.onSaved();
    }
  };

  const boolField = (key: 'autoAssign' | 'reassignWhenAway', label: string) => {
    const value = currentValue(key);
    return (
      <label key={key} htmlFor={id(key)}>
        {label}
        <select
          id={id(key)}
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(event) => set(key, event.target.value === '' ? null : event.target.value === 'true')}
        >
          {canInherit || value === undefined ? (
            <option value="">{inheritLabel(inherited[key] ? 'yes' : 'no')}</option>
          ) : null}
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      </label>
    );
  };

  const minutesField = (
    key: 'noReplyReassignMinutes' | 'awayAfterMinutes' | 'offlineAfterMinutes',
    label: string,
    isNullNever: boolean,
  ) => {
    const value = currentValue(key);
    const inheritedValue = inherited[key];
    return (
      <label key={key} htmlFor={id(key)}>
        {label}
        <input
          id={id(key)}
          type="number"
          min={1}
          max={10080}
          step={1}
          placeholder={
            isNullNever
              ? value === null
                ? 'never'
                : `inherit: ${inheritedValue ?? 'never'}`
              : `inherit: ${inheritedValue ?? ''}`
          }
          value={typeof value === 'number' ? value : ''}
          onChange={(event) => set(key, event.target.value === '' ? null : Number(event.target.value))}
        />
        {isNullNever ? <span className="hint">blank: never</span> : null}
      </label>
    );
  };

  const strategyField = () => {
    const value = currentValue('strategy') as StrategyConfig | null | undefined;
    const name = value?.name ?? '';
    const overflow = (value?.options?.overflow as { afterWaitMs?: number }[] | undefined)?.[0];
    const fallback = (value?.options?.fallback as StrategyConfig | undefined)?.name ?? 'least_loaded';
    return (
      <fieldset key="strategy">
        <legend>Assignment strategy</legend>
        <div className="field-row">
          <label htmlFor={id('strategy')}>
            Strategy
            <select
              id={id('strategy')}
              value={name}
              onChange={(event) => set('strategy', event.target.value ? { name: event.target.value } : null)}
            >
              {canInherit || !name ? (
                <option value="">
                  {inheritLabel(STRATEGY_LABEL[inherited.strategy.name] ?? inherited.strategy.name)}
                </option>
              ) : null}
              {overview.strategies.map((s) => (
                <option key={s} value={s}>
                  {STRATEGY_LABEL[s] ?? s}
                </option>
              ))}
            </select>
          </label>
          {name === 'skills_based' ? (
            <label htmlFor={id('overflow')}>
              Overflow to any team after (minutes waiting)
              <input
                id={id('overflow')}
                type="number"
                min={0}
                step={1}
                placeholder="no overflow"
                value={overflow?.afterWaitMs === undefined ? '' : overflow.afterWaitMs / 60_000}
                onChange={(event) =>
                  set(
                    'strategy',
                    event.target.value === ''
                      ? { name }
                      : {
                          name,
                          options: {
                            overflow: [
                              { afterWaitMs: Math.round(Number(event.target.value) * 60_000), teams: 'any' },
                            ],
                          },
                        },
                  )
                }
              />
            </label>
          ) : null}
          {name === 'sticky' ? (
            <label htmlFor={id('fallback')}>
              When the previous agent cannot take it
              <select
                id={id('fallback')}
                value={fallback}
                onChange={(event) =>
                  set('strategy', { name, options: { fallback: { name: event.target.value } } })
                }
              >
                {overview.strategies
                  .filter((s) => s !== 'sticky')
                  .map((s) => (
                    <option key={s} value={s}>
                      {STRATEGY_LABEL[s] ?? s}
                    </option>
                  ))}
              </select>
            </label>
          ) : null}
        </div>
      </fieldset>
    );
  };

  const render = (key: Key) => {
    switch (key) {
      case 'autoAssign':
        return boolField('autoAssign', 'Assign automatically');
      case 'reassignWhenAway':
        return boolField('reassignWhenAway', 'Take work back from away agents');
      case 'strategy':
        return strategyField();
      case 'noReplyReassignMinutes':
        return minutesField('noReplyReassignMinutes', 'Reassign after no reply (minutes)', true);
      case 'awayAfterMinutes':
        return minutesField('awayAfterMinutes', 'Away after inactivity (minutes)', false);
      case 'offlineAfterMinutes':
        return minutesField('offlineAfterMinutes', 'Offline after away (minutes)', false);
      case 'queueOrder': {
        const value = currentValue('queueOrder');
        return (
          <label key={key} htmlFor={id(key)}>
            Queue order
            <select
              id={id(key)}
              value={typeof value === 'string' ? value : ''}
              onChange={(event) => set('queueOrder', event.target.value || null)}
            >
              {canInherit || value === undefined ? (
                <option value="">{inheritLabel(ORDER_LABEL[inherited.queueOrder])}</option>
              ) : null}
              {Object.entries(ORDER_LABEL).map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        );
      }
      case 'teamId':
      case 'slaPolicyId': {
        const value = currentValue(key);
        const options = key === 'teamId' ? props.teams : props.slaPolicies;
        return (
          <label key={key} htmlFor={id(key)}>
            {key === 'teamId' ? 'Route into team' : 'SLA policy'}
            <select
              id={id(key)}
              value={typeof value === 'string' ? value : ''}
              onChange={(event) => set(key, event.target.value || null)}
            >
              <option value="">{key === 'teamId' ? 'No team' : "The account's default"}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        );
      }
      case 'workKind': {
        const value = currentValue('workKind');
        return (
          <label key={key} htmlFor={id(key)}>
            Kind of work
            <input
              id={id(key)}
              list="work-kinds"
              placeholder="by visibility (social / chat)"
              value={typeof value === 'string' ? value : ''}
              onChange={(event) => set('workKind', event.target.value.trim() || null)}
            />
          </label>
        );
      }
      case 'requiredSkills': {
        const value = (currentValue('requiredSkills') ?? []) as { skill: string; minProficiency: number }[];
        return (
          <label key={key} htmlFor={id(key)}>
            Required skills (skill:minimum 1–5, comma separated)
            <input
              id={id(key)}
              defaultValue={value.map((r) => `${r.skill}:${r.minProficiency}`).join(', ')}
              onChange={(event) => set('requiredSkills', parseSkills(event.target.value))}
            />
          </label>
        );
      }
      case 'defaultCapacity': {
        const value = (currentValue('defaultCapacity') ?? inherited.defaultCapacity) as Record<
          string,
          number
        >;
        return (
          <fieldset key={key}>
            <legend>Default capacity (agents without their own)</legend>
            <div className="field-row">
              {Object.keys({ chat: 0, social: 0, call: 0, ...value }).map((kind) => (
                <label key={kind} htmlFor={id(`cap-${kind}`)}>
                  {kind}
                  <input
                    id={id(`cap-${kind}`)}
                    type="number"
                    min={0}
                    max={1000}
                    step={1}
                    value={value[kind] ?? ''}
                    onChange={(event) => {
                      const next = { ...value };
                      if (event.target.value === '') delete next[kind];
                      else next[kind] = Number(event.target.value);
                      set('defaultCapacity', next);
                    }}
                  />
                </label>
              ))}
            </div>
          </fieldset>
        );
      }
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Routing settings: ${props.title}`}>
      <fieldset>
        <legend>{props.title}</legend>
        {fields.includes('strategy') ? render('strategy') : null}
        <div className="field-row">
          {fields.filter((f) => f !== 'strategy' && f !== 'defaultCapacity').map(render)}
        </div>
        {fields.includes('defaultCapacity') ? render('defaultCapacity') : null}
        <div className="panel-actions">
          <button type="submit" className="primary" disabled={isSaving || Object.keys(draft).length === 0}>
            Save {props.title}
          </button>
          {Object.keys(draft).length > 0 ? <span className="hint">Unsaved changes</span> : null}
        </div>
        <SaveMessage result={result} />
      </fieldset>
    </form>
  );
}

/** "billing:3, refunds" → [{ skill: 'billing', minProficiency: 3 }, { skill: 'refunds', minProficiency: 1 }] */
export function parseSkills(text: string): { skill: string; minProficiency: number }[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [skill = '', level] = part.split(':').map((s) => s.trim());
      return { skill, minProficiency: level === undefined || level === '' ? 1 : Number(level) };
    });
}
