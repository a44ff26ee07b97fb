-- Account recovery cases. Portable SQL, like V1–V4: runs unchanged on PostgreSQL 15+ and on H2 2.x in
-- MODE=PostgreSQL.

-- One row per recovery started. account_id is null when the username typed names no account: the case
-- is stored anyway, so known and unknown usernames take the same path (STYLE.md rule 15). subject is the
-- canonical username typed, what the rate limits count by. Each *_proven_at is set once, when that proof
-- is given; waiting_until is set once, when the proofs suffice. Every change of state is one conditional
-- update decided by its row count (JdbcRecoveryRepository).
create table recovery_case (
    id                 uuid                     not null,
    account_id         uuid,
    subject            varchar(300)             not null,
    created_at         timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    email_proven_at    timestamp with time zone,
    sms_proven_at      timestamp with time zone,
    password_proven_at timestamp with time zone,
    waiting_until      timestamp with time zone,
    cancelled_at       timestamp with time zone,
    completed_at       timestamp with time zone,
    constraint recovery_case_pk primary key (id),
    constraint recovery_case_account_fk foreign key (account_id) references account (id) on delete cascade
);

-- Serves cancelOpen and lastCompletedAt.
create index recovery_case_account_ix on recovery_case (account_id);
-- Serves the housekeeping delete.
create index recovery_case_expires_ix on recovery_case (expires_at);
