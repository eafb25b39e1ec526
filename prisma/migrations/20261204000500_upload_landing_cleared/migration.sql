-- When the landing key of a completed upload was last cleared: its presigned PUT URL may still
-- write there until the URL expires, so the retention sweep deletes it once after that.
ALTER TABLE "uploads" ADD COLUMN "landing_cleared_at" TIMESTAMPTZ(3);
