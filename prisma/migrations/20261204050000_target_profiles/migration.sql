-- A team's target profiles built from its own reference analyses, and the analyses judged against one.
CREATE TABLE "target_profiles" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "source_analysis_ids" UUID[],
    "profile" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_profiles_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "target_profiles_team_id_name_key" ON "target_profiles"("team_id", "name");
CREATE INDEX "target_profiles_team_id_created_at_idx" ON "target_profiles"("team_id", "created_at");

ALTER TABLE "target_profiles" ADD CONSTRAINT "target_profiles_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "target_profiles" ADD CONSTRAINT "target_profiles_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The profile's document is copied onto the analysis, so deleting the profile only clears the link.
ALTER TABLE "analyses" ADD COLUMN "profile_id" UUID;
ALTER TABLE "analyses" ADD COLUMN "target_profile" JSONB;
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "target_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;
