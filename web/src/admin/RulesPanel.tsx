import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { deskApi, type Label, problemText, type Rule, type RuleBody } from '../api/desk.ts';
import { useDesk } from '../app/desk-context.tsx';
import { loadLabels } from '../conversation/ConversationTools.tsx';
import { FormFooter, RowActions } from './EditableParts.tsx';
import {
  ACTIONS,
  actionFromRow,
  CONDITIONS,
  conditionFromRow,
  type Row,
  rowOf,
  TRIGGERS,
} from './rule-form.ts';

const NEW: Row = { type: '', value: '' };

/** Automation rules in evaluation order: when (trigger), if (all conditions), then (actions). */
export function RulesPanel() {
  const [rules, setRules] = useState<Rule[]>([]);
  const [editing, setEditing] = useState<Rule | null>(null);
  const [trigger, setTrigger] = useState('message_received');
  const [conditions, setConditions] = useState<Row[]>([]);
  const [actions, setActions] = useState<Row[]>([{ ...NEW, type: 'set_priority' }]);
  const [error, setError] = useState<string | null>(null);
  const { users } = useDesk();
  const [labels, setLabels] = useState<Label[]>([]);
  useEffect(() => {
    void loadLabels(true).then(setLabels, () => undefined);
  }, []);
  // Ids are chosen from lists, not typed.
  const choices = (type: string): { id: string; name: string }[] | null =>
    type === 'assign_agent' ? users : type === 'add_label' || type === 'label' ? labels : null;
  const reload = useCallback(() => void deskApi.rules().then((r) => setRules(r.items)), []);
  useEffect(reload, [reload]);

  const edit = (rule: Rule | null) => {
    setEditing(rule);
    setError(null);
    setTrigger(rule?.trigger.type ?? 'message_received');
    setConditions(rule ? rule.conditions.map((c) => rowOf(c, CONDITIONS)) : []);
    setActions(rule ? rule.actions.map((a) => rowOf(a, ACTIONS)) : [{ ...NEW, type: 'set_priority' }]);
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const minutes = Number(form.get('minutes'));
    const body: RuleBody = {
      name: String(form.get('name')),
      position: editing?.position ?? rules.length,
      isEnabled: form.get('isEnabled') === 'on',
      stopProcessing: form.get('stopProcessing') === 'on',
      trigger:
        trigger === 'no_agent_reply'
          ? { type: trigger, minutes }
          : trigger === 'scheduled'
            ? { type: trigger, everyMinutes: minutes }
            : { type: trigger },
      conditions: conditions.filter((r) => r.type).map(conditionFromRow),
      actions: actions.filter((r) => r.type).map(actionFromRow),
    };
    try {
      if (editing) await deskApi.updateRule(editing.id, body);
      else await deskApi.createRule(body);
      edit(null);
      reload();
    } catch (failure) {
      setError(problemText(failure));
    }
  };

  const rowsEditor = (
    title: string,
    rows: Row[],
    setRows: (rows: Row[]) => void,
    specs: Record<string, { label: string; hint: string }>,
  ) => (
    <fieldset>
      <legend>{title}</legend>
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
        <div key={index} className="rule-row">
          <select
            aria-label={`${title} ${index + 1} type`}
            value={row.type}
            onChange={(e) => setRows(rows.with(index, { type: e.target.value, value: '' }))}
          >
            <option value="">—</option>
            {Object.entries(specs).map(([type, spec]) => (
              <option key={type} value={type}>
                {spec.label}
              </option>
            ))}
          </select>
          {choices(row.type) ? (
            <select
              aria-label={`${title} ${index + 1} value`}
              value={row.value}
              onChange={(e) => setRows(rows.with(index, { ...row, value: e.target.value }))}
            >
              <option value="">—</option>
              {choices(row.type)?.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          ) : (
            <input
              aria-label={`${title} ${index + 1} value`}
              value={row.value}
              placeholder={specs[row.type]?.hint ?? ''}
              onChange={(e) => setRows(rows.with(index, { ...row, value: e.target.value }))}
            />
          )}
          <button type="button" className="small" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => setRows([...rows, NEW])}>
        Add
      </button>
    </fieldset>
  );

  return (
    <section aria-labelledby="rules-title" className="panel">
      <h2 id="rules-title">Automation rules</h2>
      <ol className="rules">
        {rules.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> {r.isEnabled ? '' : '(off)'} ·{' '}
            {TRIGGERS.find((t) => t.type === r.trigger.type)?.label}
            {r.trigger.minutes ? ` (${r.trigger.minutes} min)` : ''} · {r.conditions.length} condition(s) →{' '}
            {r.actions.map((a) => String(a.type).replaceAll('_', ' ')).join(', ')} · fired {r.fireCount}×
            <RowActions
              onEdit={() => edit(r)}
              remove={() => deskApi.deleteRule(r.id)}
              onRemoved={reload}
              onError={setError}
            />
          </li>
        ))}
      </ol>
      <form key={editing?.id ?? 'new'} onSubmit={(event) => void save(event)} className="stacked-form">
        <h3>{editing ? `Edit “${editing.name}”` : 'New rule'}</h3>
        <label>
          <span>Name</span>
          <input name="name" required maxLength={200} defaultValue={editing?.name ?? ''} />
        </label>
        <label>
          <span>When</span>
          <select name="trigger" value={trigger} onChange={(e) => setTrigger(e.target.value)}>
            {TRIGGERS.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {trigger === 'no_agent_reply' || trigger === 'scheduled' ? (
          <label>
            <span>Minutes</span>
            <input
              name="minutes"
              type="number"
              min={1}
              required
              defaultValue={editing?.trigger.minutes ?? editing?.trigger.everyMinutes ?? 30}
            />
          </label>
        ) : null}
        {rowsEditor('Conditions (all must hold)', conditions, setConditions, CONDITIONS)}
        {rowsEditor('Actions (in order)', actions, setActions, ACTIONS)}
        <label className="inline">
          <input type="checkbox" name="isEnabled" defaultChecked={editing?.isEnabled ?? true} />
          <span>Enabled</span>
        </label>
        <label className="inline">
          <input type="checkbox" name="stopProcessing" defaultChecked={editing?.stopProcessing ?? false} />
          <span>Stop evaluating later rules when this one fires</span>
        </label>
        <FormFooter
          error={error}
          isEditing={editing !== null}
          saveLabel="Save rule"
          addLabel="Add rule"
          onCancel={() => edit(null)}
        />
      </form>
    </section>
  );
}
