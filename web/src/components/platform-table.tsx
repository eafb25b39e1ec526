import type { PlatformRow } from '@mixscope/contracts';
import { formatNumber, withUnit } from '@mixscope/present';

/** How each platform will play the track: the gain it applies and where the true peak ends up. */
export function PlatformTable({ platforms }: { platforms: PlatformRow[] }) {
  if (platforms.length === 0) return <p className="muted">No platform targets were measured.</p>;
  return (
    <table className="data-table" aria-label="Platform loudness">
      <thead>
        <tr>
          <th>Platform</th>
          <th className="num">Target</th>
          <th className="num">Gain applied</th>
          <th className="num">Plays at</th>
          <th className="num">True peak after</th>
          <th>Note</th>
        </tr>
      </thead>
      <tbody>
        {platforms.map((row) => (
          <tr key={row.id} data-platform={row.id}>
            <td title={row.source}>{row.name}</td>
            <td className="num">
              {row.targetLufs === null ? 'none' : `${formatNumber(row.targetLufs)} LUFS`}
            </td>
            <td className={`num ${row.gainDb !== null && row.gainDb < -3 ? 'text-warn' : ''}`}>
              {withUnit(row.gainDb, 'dB', 1, true)}
            </td>
            <td className="num">{withUnit(row.resultingLufs, 'LUFS')}</td>
            <td className={`num ${row.exceedsTruePeakLimit ? 'text-bad' : ''}`}>
              {withUnit(row.resultingTruePeakDbtp, 'dBTP')}
              {row.exceedsTruePeakLimit ? ` (over ${formatNumber(row.truePeakLimitDbtp)})` : ''}
            </td>
            <td className="muted">{row.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
