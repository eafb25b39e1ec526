-- Client share links of an analysis, and the log of every read through one.
CREATE TABLE "shares" (
    "id" UUID NOT NULL,
    "analysis_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "include_comments" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "shares_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "share_accesses" (
    "id" UUID NOT NULL,
    "share_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "route" TEXT NOT NULL,
    "ip_hash" TEXT NOT NULL,
    "user_agent" TEXT,

    CONSTRAINT "share_accesses_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "shares_token_hash_key" ON "shares"("token_hash");
CREATE INDEX "shares_analysis_id_idx" ON "shares"("analysis_id");
CREATE INDEX "share_accesses_share_id_at_idx" ON "share_accesses"("share_id", "at");

ALTER TABLE "shares" ADD CONSTRAINT "shares_analysis_id_fkey" FOREIGN KEY ("analysis_id") REFERENCES "analyses"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "shares" ADD CONSTRAINT "shares_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "share_accesses" ADD CONSTRAINT "share_accesses_share_id_fkey" FOREIGN KEY ("share_id") REFERENCES "shares"("id") ON DELETE CASCADE ON UPDATE CASCADE;
