import { formatDuration, formatNumber as num } from '@mixscope/present';
import type { Finding } from '@mixscope/contracts';
import { CONVENTION_SOURCE, type RuleContext } from './rule-context.ts';
import { chorusLift, sectionRole, widthLosses } from './section-roles.ts';

/** A chorus should lift: less than this over the verse and it does not stand out. */
export const CHORUS_LIFT_MIN_LU = 2;
/** A section that drops this share of the width before it changes the picture audibly. */
export const WIDTH_LOSS_SHARE = 0.3;

/** Section against section: does the chorus lift, does a section collapse the stereo picture. */
export function sectionsRule({ result }: RuleContext): Finding[] {
  const sections = result.sections;
  if (!sections || sections.length < 2) return [];
  const findings: Finding[] = [];

  const lift = chorusLift(sections);
  if (lift) {
    const at = formatDuration(lift.chorus.startSec);
    const index = sections.indexOf(lift.chorus);
    const liftText = num(Math.abs(lift.liftLu), 1);
    const quiet = lift.liftLu < CHORUS_LIFT_MIN_LU;
    const action = quiet
      ? 'push it or pull the verse back.'
      : 'keep the contrast between the sections.';
    const relation =
      lift.liftLu >= 0
        ? `${quiet ? 'only ' : ''}${liftText} LU louder than`
        : `${liftText} LU quieter than`;
    findings.push({
      id: 'sections.chorus-lift',
      area: 'loudness',
      severity: quiet ? 'warning' : 'ok',
      title: quiet ? 'The chorus does not lift' : 'The chorus lifts',
      metric: `sections[${index}].loudness.integratedLufs`,
      measured: Math.round(lift.liftLu * 10) / 10,
      unit: 'LU',
      target: {
        label: `≥ ${num(CHORUS_LIFT_MIN_LU, 1)} LU over the verse`,
        min: CHORUS_LIFT_MIN_LU,
        max: null,
        unit: 'LU',
        source: CONVENTION_SOURCE,
      },
      action: action[0].toUpperCase() + action.slice(1),
      message: `The chorus at ${at} is ${relation} the verse: ${action}`,
    });
  }

  for (const loss of widthLosses(sections)) {
    if (loss.share < WIDTH_LOSS_SHARE) continue;
    const role = sectionRole(sections, loss.index);
    const at = formatDuration(sections[loss.index].startSec);
    const percent = num(loss.share * 100, 0);
    const action =
      'If the change is not meant, keep the wide parts (doubles, pads, reverbs) playing through it.';
    findings.push({
      id: `sections.width-loss.${loss.index}`,
      area: 'stereo',
      severity: 'info',
      title: `The ${role} narrows`,
      metric: `sections[${loss.index}].stereo.widthScore`,
      measured: loss.after,
      unit: '',
      target: null,
      action,
      message: `The ${role} at ${at} loses ${percent} % of its width (width score ${num(loss.before, 0)} before it, ${num(loss.after, 0)} in it). ${action}`,
    });
  }
  return findings;
}
