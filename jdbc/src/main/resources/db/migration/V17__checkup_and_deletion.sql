-- Issue 17, security checkup: a pending account deletion, and the checkup's nudge after login. Portable SQL,
-- like V1–V13: runs unchanged on PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.

-- An account whose owner asked for it to be deleted (at most one row per account). Its data is erased at due_at
-- (AccountErasure) unless cancelled first: by the owner signed in, or with the link every channel was sent, whose
-- token is stored only as its SHA-256 in hex (cancel_token_hash). The row goes with the account.
create table account_deletion (
    account_id        uuid                     not null,
    requested_at      timestamp with time zone not null,
    due_at            timestamp with time zone not null,
    cancel_token_hash varchar(64)              not null,
    constraint account_deletion_pk primary key (account_id),
    constraint account_deletion_account_fk foreign key (account_id) references account (id) on delete cascade,
    constraint account_deletion_token_uq unique (cancel_token_hash)
);
create index account_deletion_due_ix on account_deletion (due_at);

-- When the security checkup last nudged the account after a login (at most once a week), the session whose
-- settings page shows it until it is put off (no foreign key: sessions come and go; a stale id matches nothing),
-- and whether its owner asked not to be nudged again.
create table checkup_nudge (
    account_id   uuid                     not null,
    shown_at     timestamp with time zone,
    session_id   uuid,
    dismissed_at timestamp with time zone,
    constraint checkup_nudge_pk primary key (account_id),
    constraint checkup_nudge_account_fk foreign key (account_id) references account (id) on delete cascade
);
