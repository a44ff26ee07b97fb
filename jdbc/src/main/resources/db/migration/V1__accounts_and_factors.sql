-- Accounts and their second factors. Portable SQL: runs unchanged on PostgreSQL 15+ and on H2 2.x in
-- MODE=PostgreSQL. Binary values (salts, digests) are Base64 text, not bytea/blob (STYLE.md rule 20).

create table account (
    id            uuid                     not null,
    username      varchar(64)              not null,
    password_hash varchar(512)             not null,
    created_at    timestamp with time zone not null,
    constraint account_pk primary key (id),
    constraint account_username_uq unique (username)
);

-- At most one confirmed and one pending factor per account. A partial unique index would say so, but H2
-- has none; the repository serialises changes per account by locking the account row instead.
create table totp_factor (
    id             uuid                     not null,
    account_id     uuid                     not null,
    sealed_secret  varchar(512)             not null,
    algorithm      varchar(16)              not null,
    digits         integer                  not null,
    period_seconds integer                  not null,
    last_step      bigint                   not null,
    created_at     timestamp with time zone not null,
    confirmed_at   timestamp with time zone,
    constraint totp_factor_pk primary key (id),
    constraint totp_factor_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index totp_factor_account_ix on totp_factor (account_id);

-- replaced_at is null for the account's one current set.
create table backup_code_set (
    id          uuid                     not null,
    account_id  uuid                     not null,
    created_at  timestamp with time zone not null,
    replaced_at timestamp with time zone,
    constraint backup_code_set_pk primary key (id),
    constraint backup_code_set_account_fk foreign key (account_id) references account (id) on delete cascade
);

-- Serves the current-set lookup (account_id, replaced_at is null) and the replaced-set history.
create index backup_code_set_account_ix on backup_code_set (account_id, replaced_at);

-- Codes are stored as keyed digests only; sealed is the encrypted code for showing again, null in
-- "show once" mode.
create table backup_code (
    id         uuid                     not null,
    set_id     uuid                     not null,
    position   integer                  not null,
    key_id     varchar(64)              not null,
    salt       varchar(128)             not null,
    digest     varchar(128)             not null,
    sealed     varchar(512),
    used_at    timestamp with time zone,
    constraint backup_code_pk primary key (id),
    constraint backup_code_set_fk foreign key (set_id) references backup_code_set (id) on delete cascade,
    constraint backup_code_position_uq unique (set_id, position)
);
