import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { TeamRole } from '@mixscope/contracts';
import type { AnalysisRepository } from '@mixscope/pipeline';
import type { Database } from '@mixscope/service-kit';
import { describe, expect, it } from 'vitest';
import type { AuthContext } from '../auth/auth-context.ts';
import type { CommentsService } from '../comments/comments.service.ts';
import { loadGatewayConfig } from '../config/gateway-config.ts';
import type { PlaybackService } from '../playback/playback.service.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import { SharesService } from './shares.service.ts';

const auth: AuthContext = { userId: 'u1', teamIds: ['t1'] };

/** The service over a team where the caller has `role`; records the shares it would write. */
function sharesAs(role: TeamRole) {
  const created: unknown[] = [];
  const db = {
    membership: { findUnique: async () => ({ role }) },
    share: {
      create: async ({ data }: { data: { expiresAt: Date } }) => {
        created.push(data);
        return { id: 's1', expiresAt: data.expiresAt };
      },
    },
  } as unknown as Database;
  const analyses = {
    teamOf: async (id: string) => (id === 'a1' ? 't1' : id === 'a2' ? 't2' : null),
  } as unknown as AnalysisRepository;
  const service = new SharesService(
    db,
    loadGatewayConfig({ JWT_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://mix.test/' }),
    analyses,
    {} as PlaybackService,
    {} as CommentsService,
    new TeamAccessService(db),
  );
  return { service, created };
}

describe('SharesService.create', () => {
  it.each(['owner', 'admin', 'member'] as const)('lets an %s share', async (role) => {
    const { service, created } = sharesAs(role);
    const share = await service.create(auth, 'a1', { expiresInHours: 1 });
    expect(share.url).toBe(`https://mix.test/shared/${share.token}`);
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created)).not.toContain(share.token);
  });

  it('refuses a viewer with 403 and writes nothing', async () => {
    const { service, created } = sharesAs('viewer');
    await expect(service.create(auth, 'a1', { expiresInHours: 1 })).rejects.toBeInstanceOf(
      ForbiddenException,
    );
    expect(created).toEqual([]);
  });

  it("answers 404 for another team's analysis and for none at all", async () => {
    const { service, created } = sharesAs('owner');
    for (const id of ['a2', 'missing'])
      await expect(service.create(auth, id, { expiresInHours: 1 })).rejects.toBeInstanceOf(
        NotFoundException,
      );
    expect(created).toEqual([]);
  });
});
