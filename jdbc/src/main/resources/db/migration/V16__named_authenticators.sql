-- Issue 17: several authenticator apps per account, each with a name the owner chose ("work phone").
-- The name is not a secret. An empty name is shown as "Authenticator app" in the reader's language, which is
-- what the rows made before this migration get. last_used_at is when a code of the app was last accepted.
-- Still one pending factor per account at a time; the number of confirmed ones is capped by the core
-- (TotpAuthenticator.MAX_CONFIRMED), and changes stay serialised per account by the account-row lock.
alter table totp_factor add column name varchar(64) default '' not null;
alter table totp_factor add column last_used_at timestamp with time zone;
