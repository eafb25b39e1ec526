import type { Section } from '@mixscope/contracts';
import { sectionName } from '@mixscope/present';
import { timeToFraction, type TimelineView } from './timeline-view.ts';

/** The song's sections shaded under the waveform, clipped to the view. */
export function SectionBands({
  sections,
  view,
}: {
  sections: readonly Section[] | null | undefined;
  view: TimelineView;
}) {
  if (!sections) return null;
  return (
    <>
      {sections.map((section, i) => {
        const from = Math.max(0, timeToFraction(section.startSec, view));
        const to = Math.min(1, timeToFraction(section.endSec, view));
        if (to <= from) return null;
        return (
          <span
            key={section.startSec}
            data-testid="section-band"
            title={sectionName(section)}
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: `${from * 100}%`,
              width: `${(to - from) * 100}%`,
              pointerEvents: 'none',
              background: `rgba(255, 255, 255, ${section.chorusLike ? 0.1 : i % 2 ? 0.02 : 0.05})`,
              fontSize: 11,
              padding: '2px 4px',
            }}
          >
            {section.label}
          </span>
        );
      })}
    </>
  );
}
