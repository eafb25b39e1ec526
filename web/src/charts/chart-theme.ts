/** Colours shared by the charts; they match the CSS variables of the dark theme. */
export const CHART = {
  grid: '#2a313c',
  axis: '#8b95a3',
  text: '#c9d1d9',
  momentary: '#5ab0ff',
  shortTerm: '#ffb454',
  integrated: '#e6e8eb',
  peak: '#ff5d5d',
  mix: '#5ab0ff',
  reference: '#c792ea',
  range: 'rgba(63, 185, 80, 0.22)',
  good: '#3fb950',
  warn: '#d29922',
  bad: '#f85149',
  width: '#36c5b0',
  tooltipBg: '#161b22',
} as const;

export const tooltipStyle = {
  contentStyle: {
    background: CHART.tooltipBg,
    border: `1px solid ${CHART.grid}`,
    borderRadius: 6,
    color: CHART.text,
  },
  labelStyle: { color: CHART.text },
  itemStyle: { color: CHART.text },
} as const;

export const axisProps = {
  stroke: CHART.axis,
  tick: { fill: CHART.axis, fontSize: 11 },
  tickLine: { stroke: CHART.grid },
  axisLine: { stroke: CHART.grid },
} as const;
