-- Issue 17: passkeys (WebAuthn Level 3). Portable SQL, like V1–V13: runs unchanged on PostgreSQL 15+ and on
-- H2 2.x in MODE=PostgreSQL; binary values as Base64 text (docs/STYLE.md rule 20).

-- The WebAuthn user handle of an account (user.id, §5.4.3): 32 random bytes, Base64url, made the first time the
-- account registers a passkey and kept; never the account id or the username, so an authenticator's list of
-- credentials tells nobody who the person is here. Unique: a discoverable login finds the account by it.
create table passkey_user (
    account_id  uuid         not null,
    user_handle varchar(64)  not null,
    constraint passkey_user_pk primary key (account_id),
    constraint passkey_user_handle_ux unique (user_handle),
    constraint passkey_user_account_fk foreign key (account_id) references account (id) on delete cascade
);

-- One registered passkey (a WebAuthn public key credential). credential_id: the raw id, Base64url (at most
-- 1023 bytes by §5.1, so 1364 characters); public_key: the COSE_Key (RFC 9052 §7) as Base64; sign_count: the
-- authenticator's signature counter, moved only forward by one conditional update.
create table passkey (
    id            uuid                     not null,
    account_id    uuid                     not null,
    credential_id varchar(1400)            not null,
    public_key    varchar(2000)            not null,
    sign_count    bigint                   not null,
    name          varchar(200)             not null,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone,
    constraint passkey_pk primary key (id),
    constraint passkey_credential_ux unique (credential_id),
    constraint passkey_account_fk foreign key (account_id) references account (id) on delete cascade,
    constraint passkey_sign_count_ck check (sign_count >= 0)
);

create index passkey_account_ix on passkey (account_id);

-- Challenges of WebAuthn ceremonies (§13.4.3): random, single use (used_at set by one conditional update) and
-- bound to what asked for them: a login flow's id, or a settings session's id (binding). purpose:
-- 'registration', 'second_step' (after the password), 'login' (a passkey alone).
create table passkey_challenge (
    challenge  varchar(64)              not null,
    purpose    varchar(16)              not null,
    binding    varchar(64)              not null,
    account_id uuid,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    constraint passkey_challenge_pk primary key (challenge),
    constraint passkey_challenge_purpose_ck check (purpose in ('registration', 'second_step', 'login'))
);

create index passkey_challenge_expires_ix on passkey_challenge (expires_at);
