import type { Metadata } from 'next';
import { ProjectView } from '../../../../src/projects/project-view.tsx';

export const metadata: Metadata = { title: 'Project · MixScope' };

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProjectView projectId={id} />;
}
