import type { HeatCell } from './api.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = [...Array(24).keys()];

/** Inbound messages by weekday × hour (account time zone), darker for more. */
export function VolumeHeatmap({ cells }: { cells: HeatCell[] }) {
  const max = Math.max(1, ...cells.map((c) => c.inboundMessages));
  const at = (weekday: number, hour: number) =>
    cells.find((c) => c.weekday === weekday && c.hour === hour)?.inboundMessages ?? 0;
  return (
    <figure className="analytics-panel heatmap" aria-label="Inbound volume by weekday and hour">
      <figcaption>Inbound volume by weekday and hour</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col" />
            {HOURS.map((hour) => (
              <th key={hour} scope="col">
                {hour % 3 === 0 ? hour : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((name, index) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {HOURS.map((hour) => {
                const count = at(index + 1, hour);
                const strength = count / max;
                return (
                  <td
                    key={hour}
                    title={`${name} ${String(hour).padStart(2, '0')}:00 — ${count} messages`}
                    style={{ background: `rgba(29, 78, 216, ${0.06 + strength * 0.9})` }}
                  >
                    <span className="visually-hidden">{count}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
