import { codecName, type AnalysisResult } from '@mixscope/contracts';
import { measuredOn, withUnit } from '@mixscope/present';

/** The codec preview: each streaming codec's true peak, overs and loudness change after decoding. */
export function CodecPreview({ result }: { result: AnalysisResult }) {
  const { codecs } = result;
  if (codecs === undefined) return null;
  return (
    <section className="panel" aria-label="Codec preview">
      <h3>After streaming encoders</h3>
      {codecs === null ? (
        <p className="muted">{result.reasons.codecs ?? 'Not measured.'}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Codec preview">
            <thead>
              <tr>
                <th>Codec</th>
                <th className="num">Bit rate</th>
                <th className="num">True peak</th>
                <th className="num">Clipped samples</th>
                <th className="num">True-peak overs</th>
                <th className="num">Loudness change</th>
              </tr>
            </thead>
            <tbody>
              {codecs.map((row) => (
                <tr key={row.codec} data-codec={row.codec}>
                  <td>{codecName(row.codec)}</td>
                  <td className="num">{row.bitrateKbps} kb/s</td>
                  {row.available ? (
                    <>
                      <td
                        className={`num ${row.truePeakDbtp !== null && row.truePeakDbtp > 0 ? 'text-bad' : ''}`}
                      >
                        {withUnit(row.truePeakDbtp, 'dBTP', 1, true)}
                      </td>
                      <td className="num">{row.overs?.clippedSamples}</td>
                      <td className="num">{row.overs?.truePeakOvers}</td>
                      <td className="num">{withUnit(row.integratedLufsDelta, 'LU', 2, true)}</td>
                    </>
                  ) : (
                    <td colSpan={4} className="muted">
                      Missing: {row.reasons.codec}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{measuredOn(result)}.</p>
        </div>
      )}
    </section>
  );
}
