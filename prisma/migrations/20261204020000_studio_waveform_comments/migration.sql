-- The waveform levels of each track, stored beside its result.
ALTER TABLE "track_results" ADD COLUMN "waveform" JSONB;

-- Timestamped comments on an analysis; replies point at a comment of the same analysis.
CREATE TABLE "comments" (
    "id" UUID NOT NULL,
    "analysis_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "parent_id" UUID,
    "body" TEXT NOT NULL,
    "at_sec" DOUBLE PRECISION NOT NULL,
    "end_sec" DOUBLE PRECISION,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "comments_id_analysis_id_key" ON "comments"("id", "analysis_id");
CREATE INDEX "comments_analysis_id_at_sec_created_at_idx" ON "comments"("analysis_id", "at_sec", "created_at");
CREATE INDEX "comments_parent_id_idx" ON "comments"("parent_id");

ALTER TABLE "comments" ADD CONSTRAINT "comments_analysis_id_fkey" FOREIGN KEY ("analysis_id") REFERENCES "analyses"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_analysis_id_fkey" FOREIGN KEY ("parent_id", "analysis_id") REFERENCES "comments"("id", "analysis_id") ON DELETE CASCADE ON UPDATE CASCADE;
