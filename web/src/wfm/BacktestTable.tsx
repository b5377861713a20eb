import type { ForecastResponse } from './api.ts';

const METHOD_LABEL: Record<string, string> = {
  seasonal_naive: 'Seasonal naive (baseline)',
  profile_smoothing: 'Intraday profile × daily smoothing',
  double_seasonal_hw: 'Double-seasonal Holt-Winters',
};

const fmt = (x: number | null, digits: number, suffix = '') =>
  x === null ? '—' : `${x.toFixed(digits)}${suffix}`;

export function BacktestTable({ backtest }: { backtest: ForecastResponse['backtest'] }) {
  return (
    <table className="wfm-table">
      <caption>
        Backtest: {backtest.origins} rolling origin{backtest.origins === 1 ? '' : 's'}, one week ahead each
      </caption>
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col">MASE</th>
          <th scope="col">sMAPE</th>
          <th scope="col">WAPE</th>
        </tr>
      </thead>
      <tbody>
        {backtest.methods.map((m) => (
          <tr key={m.method} className={m.method === backtest.chosen ? 'wfm-chosen' : undefined}>
            <td>
              {METHOD_LABEL[m.method] ?? m.method}
              {m.method === backtest.chosen ? ' ✓ chosen' : ''}
            </td>
            <td>{fmt(m.mase, 3)}</td>
            <td>{fmt(m.smapePct, 1, '%')}</td>
            <td>{fmt(m.wapePct, 1, '%')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
