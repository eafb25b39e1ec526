import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RevisionAb } from '../../../../../src/studio/revision-ab.tsx';

export const metadata: Metadata = { title: 'A/B revisions · MixScope' };

export default async function RevisionAbPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ a?: string | string[]; b?: string | string[] }>;
}) {
  const { id } = await params;
  const { a, b } = await searchParams;
  if (typeof a !== 'string' || typeof b !== 'string' || a === b) notFound();
  return <RevisionAb projectId={id} ids={[a, b]} />;
}
