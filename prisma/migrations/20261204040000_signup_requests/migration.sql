-- A sign-up waiting for its address to be confirmed: the account is created only when the mailed
-- link comes back, so the answer to a sign-up never tells whether an address is registered.
CREATE TABLE "signup_requests" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "team_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "signup_requests_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "signup_requests_token_hash_key" ON "signup_requests"("token_hash");
CREATE INDEX "signup_requests_email_idx" ON "signup_requests"("email");
