'use client';

import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * Sizes a chart: a fixed width when given (tests, print), otherwise the container's width.
 * Recharts charts take their size from here.
 */
export function ChartFrame({
  width,
  height,
  label,
  children,
}: {
  width?: number;
  height: number;
  label: string;
  children: (size: { width?: number; height: number }) => ReactElement;
}) {
  return (
    <figure className="chart" role="figure" aria-label={label} style={{ height }}>
      {width ? (
        children({ width, height })
      ) : (
        <ResponsiveContainer width="100%" height={height} minWidth={200}>
          {children({ height })}
        </ResponsiveContainer>
      )}
    </figure>
  );
}
