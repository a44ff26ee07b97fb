-- Sessions, Account Center links and the audit log. Portable SQL, like V1 and V2: runs unchanged on
-- PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.

-- Signed-in sessions. Only the SHA-256 of the token is stored (64 hex digits). amr is a comma-separated
-- list of RFC 8176 method values, in the order they were completed; assurance and kind are enum names.
create table web_session (
    id                 uuid                     not null,
    token_hash         varchar(64)              not null,
    account_id         uuid                     not null,
    amr                varchar(255)             not null,
    assurance          varchar(8)               not null,
    created_at         timestamp with time zone not null,
    last_seen_at       timestamp with time zone not null,
    reauthenticated_at timestamp with time zone,
    kind               varchar(16)              not null,
    constraint web_session_pk primary key (id),
    constraint web_session_token_hash_uq unique (token_hash),
    constraint web_session_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index web_session_account_ix on web_session (account_id);

-- Account Center groups. An account in no group has no row. group_id is the id of one member (the
-- group's representative), so group ids are unique without a generator; when that member leaves, the
-- others move to a new representative. A change to a group first locks the account row of the group's
-- smallest member (JdbcAccountLinkRepository).
create table account_link (
    account_id uuid not null,
    group_id   uuid not null,
    constraint account_link_pk primary key (account_id),
    constraint account_link_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index account_link_group_ix on account_link (group_id);

-- Security events. No foreign key on account_id: events outlive the account they concern, and may
-- concern none. details is a JSON object of strings, written by JdbcAuditLog.
create table audit_event (
    id             uuid                     not null,
    at             timestamp with time zone not null,
    type           varchar(64)              not null,
    account_id     uuid,
    client_address varchar(64),
    details        varchar(4000)            not null,
    constraint audit_event_pk primary key (id)
);

create index audit_event_account_ix on audit_event (account_id, at desc);
