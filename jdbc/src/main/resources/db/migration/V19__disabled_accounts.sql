-- Issue 18, the admin API and command line. Portable SQL, like V1–V13: runs unchanged on PostgreSQL 15+ and
-- on H2 2.x in MODE=PostgreSQL.

-- An operator disabled the account (null while it is enabled): it cannot log in, recover or refresh tokens.
alter table account add column disabled_at timestamp with time zone;

-- A two-step reset ordered by an operator that waits aikagi.recovery.waiting-period, like a recovery: every
-- channel is told, with the "this wasn't me" link (alert_token) that cancels it.
-- method: 'all', 'totp', 'sms' or 'backup-codes'. state: 'waiting', 'done' or 'cancelled'.
create table two_step_reset (
    id           uuid                     not null,
    account_id   uuid                     not null,
    method       varchar(16)              not null,
    requested_by varchar(200)             not null,
    requested_at timestamp with time zone not null,
    effective_at timestamp with time zone not null,
    state        varchar(16)              not null,
    closed_at    timestamp with time zone,
    constraint two_step_reset_pk primary key (id),
    constraint two_step_reset_account_fk foreign key (account_id) references account (id) on delete cascade,
    constraint two_step_reset_method_ck check (method in ('all', 'totp', 'sms', 'backup-codes')),
    constraint two_step_reset_state_ck check (state in ('waiting', 'done', 'cancelled'))
);
create index two_step_reset_account_ix on two_step_reset (account_id);
create index two_step_reset_due_ix on two_step_reset (state, effective_at);
