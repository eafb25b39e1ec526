-- Team roles admin and viewer (see libs/contracts/src/studio/team-roles.ts for what each may do).
ALTER TYPE "team_role" ADD VALUE IF NOT EXISTS 'admin' AFTER 'owner';
ALTER TYPE "team_role" ADD VALUE IF NOT EXISTS 'viewer' AFTER 'member';

-- Revoking an invitation keeps its row, so the token is refused rather than unknown.
ALTER TABLE "invites" ADD COLUMN "revoked_at" TIMESTAMPTZ(3);

-- The pending-invites list names who sent each one.
ALTER TABLE "invites" ADD CONSTRAINT "invites_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
