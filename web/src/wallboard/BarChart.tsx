// A horizontal bar chart in plain SVG: the wallboard needs a few labelled bars, not a chart library.

export interface Bar {
  label: string;
  value: number;
  className?: string;
}

const ROW = 28;
const LABEL_WIDTH = 140;
const WIDTH = 460;

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        width={WIDTH}
        height={height}
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}
      >
        {bars.map((bar, i) => {
          const width = ((WIDTH - LABEL_WIDTH - 48) * bar.value) / max;
          return (
            <g key={bar.label} transform={`translate(0, ${i * ROW})`}>
              <text x={0} y={ROW / 2 + 5} className="chart-label">
                {bar.label.length > 18 ? `${bar.label.slice(0, 17)}…` : bar.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={5}
                width={width}
                height={ROW - 10}
                className={`chart-bar ${bar.className ?? ''}`}
              />
              <text x={LABEL_WIDTH + width + 6} y={ROW / 2 + 5} className="chart-value">
                {bar.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
