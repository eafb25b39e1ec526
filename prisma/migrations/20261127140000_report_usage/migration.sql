-- Token usage, latency, attempts and fallback reason of the feedback step, one row per analysis.
ALTER TABLE "reports"
    ADD COLUMN "prompt_tokens" INTEGER,
    ADD COLUMN "completion_tokens" INTEGER,
    ADD COLUMN "total_tokens" INTEGER,
    ADD COLUMN "latency_ms" INTEGER,
    ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "fallback_reason" TEXT,
    ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
