import { type FormEvent, useCallback, useEffect, useState } from 'react';
import {
  type BusinessCalendar,
  type CalendarInput,
  describeFailure,
  routingApi,
  type WeeklyPeriod,
} from '../api/routing.ts';
import { SaveMessage, useSave } from './RoutingFormParts.tsx';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

const EMPTY: CalendarInput = {
  name: '',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  isAlwaysOpen: false,
  periods: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  holidays: [],
  specialDays: [],
  isDefault: false,
};

/** Business-hours calendars: SLA clocks only count time while a policy's calendar is open. */
export function CalendarsPanel({ onChanged }: { onChanged: () => void }) {
  const [calendars, setCalendars] = useState<BusinessCalendar[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    routingApi.calendars().then(
      (r) => {
        setCalendars(r.items);
        onChanged();
      },
      (failure: unknown) => setError(describeFailure(failure, 'Could not load calendars')),
    );
  }, [onChanged]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once; onChanged is a fresh closure each render
  useEffect(load, []);
  return (
    <section aria-labelledby="calendars-title" className="panel routing-admin">
      <h2 id="calendars-title">Business hours</h2>
      <datalist id="time-zones">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {calendars.map((c) => (
        <CalendarEditor key={c.id} calendar={c} onSaved={load} />
      ))}
      <CalendarEditor key={`new-${calendars.length}`} calendar={null} onSaved={load} />
    </section>
  );
}

function CalendarEditor({ calendar, onSaved }: { calendar: BusinessCalendar | null; onSaved: () => void }) {
  const [draft, setDraft] = useState<CalendarInput>(() =>
    calendar
      ? {
          name: calendar.name,
          timeZone: calendar.timeZone,
          isAlwaysOpen: calendar.isAlwaysOpen,
          periods: calendar.periods ?? [],
          holidays: calendar.holidays ?? [],
          specialDays: calendar.specialDays ?? [],
          isDefault: calendar.isDefault,
        }
      : EMPTY,
  );
  const [holidayText, setHolidayText] = useState(draft.holidays.join('\n'));
  const [result, save, isSaving] = useSave();
  const prefix = `cal-${calendar?.id ?? 'new'}`;
  const title = calendar ? calendar.name : 'New calendar';
  const setPeriod = (i: number, patch: Partial<WeeklyPeriod>) =>
    setDraft((d) => ({ ...d, periods: d.periods.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: CalendarInput = {
      ...draft,
      name: draft.name.trim(),
      holidays: holidayText
        .split(/[\s,]+/)
        .map((d) => d.trim())
        .filter(Boolean),
    };
    const ok = await save(
      () => (calendar ? routingApi.updateCalendar(calendar.id, body) : routingApi.createCalendar(body)),
      calendar ? `Saved ${body.name}.` : `Created ${body.name}.`,
    );
    if (ok) onSaved();
  };

  const remove = async () => {
    if (!calendar || !window.confirm(`Delete the calendar ${calendar.name}?`)) return;
    if (await save(() => routingApi.deleteCalendar(calendar.id), `Deleted ${calendar.name}.`)) onSaved();
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Calendar: ${title}`}>
      <fieldset>
        <legend>
          {title}
          {calendar?.isDefault ? ' (default)' : ''}
        </legend>
        <div className="field-row">
          <label htmlFor={`${prefix}-name`}>
            Name
            <input
              id={`${prefix}-name`}
              required
              maxLength={100}
              value={draft.name}
              onChange={(event) => setDraft((d) => ({ ...d, name: event.target.value }))}
            />
          </label>
          <label htmlFor={`${prefix}-zone`}>
            Time zone
            <input
              id={`${prefix}-zone`}
              list="time-zones"
              required
              value={draft.timeZone}
              onChange={(event) => setDraft((d) => ({ ...d, timeZone: event.target.value }))}
            />
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={draft.isAlwaysOpen}
              onChange={(event) => setDraft((d) => ({ ...d, isAlwaysOpen: event.target.checked }))}
            />
            Open around the clock (24/7)
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={draft.isDefault}
              onChange={(event) => setDraft((d) => ({ ...d, isDefault: event.target.checked }))}
            />
            The account's default calendar
          </label>
        </div>
        {draft.isAlwaysOpen ? null : (
          <fieldset>
            <legend>Opening hours</legend>
            <p className="hint">
              An end at or before the start runs past midnight into the next day (Friday 22:00–02:00 ends
              Saturday 02:00). 24:00 is the end of the day.
            </p>
            {draft.periods.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: periods have no id; rows are edited in place
              <div className="field-row" key={i}>
                <label htmlFor={`${prefix}-day-${i}`}>
                  Day
                  <select
                    id={`${prefix}-day-${i}`}
                    value={p.weekday}
                    onChange={(event) => setPeriod(i, { weekday: Number(event.target.value) })}
                  >
                    {WEEKDAYS.map((day, d) => (
                      <option key={day} value={d + 1}>
                        {day}
                      </option>
                    ))}
                  </select>
                </label>
                <label htmlFor={`${prefix}-start-${i}`}>
                  Opens
                  <input
                    id={`${prefix}-start-${i}`}
                    pattern="([01][0-9]|2[0-4]):[0-5][0-9]"
                    placeholder="09:00"
                    value={p.start}
                    onChange={(event) => setPeriod(i, { start: event.target.value })}
                  />
                </label>
                <label htmlFor={`${prefix}-end-${i}`}>
                  Closes
                  <input
                    id={`${prefix}-end-${i}`}
                    pattern="([01][0-9]|2[0-4]):[0-5][0-9]"
                    placeholder="17:00"
                    value={p.end}
                    onChange={(event) => setPeriod(i, { end: event.target.value })}
                  />
                </label>
                {p.end <= p.start && p.end !== '' ? <span className="hint">runs past midnight</span> : null}
                <button
                  type="button"
                  className="small"
                  aria-label={`Remove the ${WEEKDAYS[p.weekday - 1] ?? ''} ${p.start}–${p.end} period`}
                  onClick={() => setDraft((d) => ({ ...d, periods: d.periods.filter((_, j) => j !== i) }))}
                >
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              className="small"
              onClick={() =>
                setDraft((d) => ({
                  ...d,
                  periods: [...d.periods, { weekday: 1, start: '09:00', end: '17:00' }],
                }))
              }
            >
              Add a period
            </button>
          </fieldset>
        )}
        <label htmlFor={`${prefix}-holidays`}>
          Holidays (closed all day; one YYYY-MM-DD date per line)
          <textarea
            id={`${prefix}-holidays`}
            rows={3}
            cols={24}
            value={holidayText}
            onChange={(event) => setHolidayText(event.target.value)}
          />
        </label>
        {draft.specialDays.length > 0 ? (
          <p className="hint">
            {draft.specialDays.length} special day(s) with other hours are kept as they are.
          </p>
        ) : null}
        <div className="panel-actions">
          <button type="submit" className="primary" disabled={isSaving}>
            {calendar ? 'Save calendar' : 'Create calendar'}
          </button>
          {calendar ? (
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
