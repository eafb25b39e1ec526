// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { platformTable } from '@mixscope/dsp';
import { PlatformTable, chosenPlatformRows } from './platform-table.tsx';

afterEach(cleanup);

describe('PlatformTable', () => {
  const rows = platformTable(-8, 0.4);

  it('shows only the platforms chosen at upload', () => {
    const { container } = render(<PlatformTable platforms={rows} targets={['tidal', 'spotify']} />);
    const shown = [...container.querySelectorAll('tr[data-platform]')].map((tr) =>
      tr.getAttribute('data-platform'),
    );
    expect(shown).toEqual(['spotify', 'tidal']);
  });

  it('shows every platform when none was chosen', () => {
    expect(chosenPlatformRows(rows, [])).toHaveLength(rows.length);
    expect(chosenPlatformRows(rows, undefined)).toHaveLength(rows.length);
  });

  it('writes no red “over” for a peak the platform brings under the limit', () => {
    const { container } = render(<PlatformTable platforms={rows} targets={['spotify']} />);
    const cell = screen.getByTestId('true-peak-after');
    expect(cell.textContent).toBe('-5.6 dBTP');
    expect(cell.className).not.toContain('text-bad');
    expect(container.textContent).toContain(
      'The file itself peaks above the -2.0 dBTP delivery limit.',
    );
  });

  it('writes “over” in red where the track plays above the limit', () => {
    render(<PlatformTable platforms={platformTable(-26, -1.5)} targets={['ebu-r128']} />);
    const cell = screen.getByTestId('true-peak-after');
    expect(cell.textContent).toBe('1.5 dBTP (over -1.0)');
    expect(cell.className).toContain('text-bad');
  });
});
