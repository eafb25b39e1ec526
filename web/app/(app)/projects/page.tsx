import type { Metadata } from 'next';
import { ProjectsView } from '../../../src/projects/projects-view.tsx';

export const metadata: Metadata = { title: 'Projects · MixScope' };

export default function ProjectsPage() {
  return <ProjectsView />;
}
