import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildAnalysisResult, buildSection } from '@mixscope/contracts/testing';
import { LoudnessTab } from './loudness-tab.tsx';

describe('SectionsTable on the loudness tab', () => {
  it('lists the sections with their loudness and width', () => {
    const result = buildAnalysisResult({
      sections: [
        buildSection({ startSec: 0, endSec: 30, label: 'A' }, -14, 30),
        buildSection({ startSec: 30, endSec: 72, label: 'B', chorusLike: true }, -9.2, 55),
      ],
    });
    render(<LoudnessTab result={result} chartWidth={800} />);
    const table = screen.getByRole('region', { name: 'Sections' });
    expect(table.textContent).toContain('B (chorus-like)');
    expect(table.textContent).toContain('0:30-1:12');
    expect(table.textContent).toContain('-9.2');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
  });

  it('says why a track has no sections', () => {
    const result = buildAnalysisResult({
      sections: null,
      reasons: { sections: 'shorter than 16 s: too short to hold two sections' },
    });
    render(<LoudnessTab result={result} chartWidth={800} />);
    expect(screen.getByText(/No sections: shorter than 16 s/)).toBeTruthy();
  });
});
