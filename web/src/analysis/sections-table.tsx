import type { Section } from '@mixscope/contracts';
import { bandLabel, formatDuration, formatNumber, sectionName } from '@mixscope/present';

/** The sections side by side: time, loudness, width and band levels, with the reason for a gap. */
export function SectionsTable({
  sections,
  reason,
}: {
  sections: readonly Section[] | null | undefined;
  reason?: string;
}) {
  if (sections === undefined) return null;
  if (sections === null) {
    return (
      <section className="panel" aria-label="Sections">
        <h3>Sections</h3>
        <p className="muted">No sections: {reason ?? 'not measured'}</p>
      </section>
    );
  }
  const bandNames = sections[0]?.bands.map((band) => band.name) ?? [];
  const cell = (section: Section, value: number | null | undefined, key: string, decimals = 1) => (
    <td
      className="num"
      title={value == null ? (section.reasons[key] ?? section.reasons.stereo) : undefined}
    >
      {formatNumber(value, decimals)}
    </td>
  );
  return (
    <section className="panel" aria-label="Sections">
      <h3>Sections</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th>Section</th>
            <th>Time</th>
            <th>LUFS</th>
            <th>ST max</th>
            <th>LRA</th>
            <th>Width</th>
            <th>Corr</th>
            {bandNames.map((name) => (
              <th key={name}>{bandLabel(name)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sections.map((section) => (
            <tr key={section.startSec} className={section.chorusLike ? 'chorus-like' : undefined}>
              <td>{sectionName(section)}</td>
              <td>
                {formatDuration(section.startSec)}-{formatDuration(section.endSec)}
              </td>
              {cell(section, section.loudness.integratedLufs, 'integratedLufs')}
              {cell(section, section.loudness.shortTermMaxLufs, 'shortTermMaxLufs')}
              {cell(section, section.loudness.loudnessRangeLu, 'loudnessRangeLu')}
              {cell(section, section.stereo?.widthScore, 'widthScore', 0)}
              {cell(section, section.stereo?.correlation, 'correlation', 2)}
              {section.bands.map((band) => (
                <td key={band.name} className="num">
                  {formatNumber(band.db, 1)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
