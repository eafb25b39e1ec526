import type { Metadata } from 'next';
import { TeamView } from '../../../src/team/team-view.tsx';

export const metadata: Metadata = { title: 'Team · MixScope' };

export default function TeamPage() {
  return <TeamView />;
}
