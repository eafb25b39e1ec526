import type { Metadata } from 'next';
import { AnalysisView } from '../../../../src/analysis/analysis-view.tsx';

export const metadata: Metadata = { title: 'Analysis · MixScope' };

export default async function AnalysisPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AnalysisView analysisId={id} />;
}
