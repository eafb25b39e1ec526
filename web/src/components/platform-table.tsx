import type { PlatformRow } from '@mixscope/contracts';
import { codecName } from '@mixscope/contracts';
import {
  codecPlaysOver,
  formatNumber,
  masterOverDeliveryLimit,
  playsOverLimit,
  withUnit,
} from '@mixscope/present';

/** The rows of the platforms chosen for the analysis, in table order; every row when none was chosen. */
export function chosenPlatformRows(
  platforms: PlatformRow[],
  targets: readonly string[] | undefined,
): PlatformRow[] {
  if (!targets || targets.length === 0) return platforms;
  return platforms.filter((row) => targets.includes(row.id));
}

/** How each chosen platform will play the track: the gain it applies and where the true peak ends up. */
export function PlatformTable({
  platforms,
  targets,
}: {
  platforms: PlatformRow[];
  /** The platforms picked at upload; the table shows only those. */
  targets?: readonly string[];
}) {
  const rows = chosenPlatformRows(platforms, targets);
  if (rows.length === 0) return <p className="muted">No platform targets were measured.</p>;
  return (
    <div className="table-scroll">
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
          {rows.map((row) => {
            const over = playsOverLimit(row);
            return (
              <tr key={row.id} data-platform={row.id}>
                <td title={row.source}>{row.name}</td>
                <td className="num">
                  {row.targetLufs === null ? 'none' : `${formatNumber(row.targetLufs)} LUFS`}
                </td>
                <td className={`num ${row.gainDb !== null && row.gainDb < -3 ? 'text-warn' : ''}`}>
                  {withUnit(row.gainDb, 'dB', 1, true)}
                </td>
                <td className="num">{withUnit(row.resultingLufs, 'LUFS')}</td>
                <td className={`num ${over ? 'text-bad' : ''}`} data-testid="true-peak-after">
                  {withUnit(row.resultingTruePeakDbtp, 'dBTP')}
                  {over ? ` (over ${formatNumber(row.truePeakLimitDbtp)})` : ''}
                </td>
                <td className="muted">
                  {row.note}
                  {masterOverDeliveryLimit(row) && !over
                    ? ` The file itself peaks above the ${formatNumber(row.truePeakLimitDbtp)} dBTP delivery limit.`
                    : ''}
                  {row.codec && row.codecTruePeakDbtp !== undefined ? (
                    <span
                      className={codecPlaysOver(row) ? 'text-bad' : ''}
                      data-testid="codec-peak"
                    >
                      {` After ${codecName(row.codec)}: ${withUnit(row.codecTruePeakDbtp, 'dBTP', 1, true)}${codecPlaysOver(row) ? ', over' : ''}.`}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
