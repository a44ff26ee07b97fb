-- Support requests and their files (product journey 8). Portable SQL, like V1–V5: runs unchanged on
-- PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.

-- One row per request. account_id is null when the username typed names no account: the request is
-- stored anyway, so the form tells nobody which accounts exist. state is OPEN, APPROVED, REJECTED or
-- CLOSED; every change is one conditional update decided by its row count (JdbcSupportRepository). The
-- agents are account ids, without foreign keys: the record of who decided outlives an agent's account.
-- link_digest is the SHA-256 of the approval's single-use link, never the link.
create table support_case (
    id             uuid                     not null,
    account_id     uuid,
    username       varchar(300)             not null,
    contact_email  varchar(320)             not null,
    language       varchar(16)              not null,
    statement      varchar(4000)            not null,
    state          varchar(16)              not null,
    created_at     timestamp with time zone not null,
    first_approver uuid,
    decided_by     uuid,
    decided_at     timestamp with time zone,
    reason         varchar(1000),
    recovery_id    uuid,
    link_digest    varchar(64),
    closed_at      timestamp with time zone,
    constraint support_case_pk primary key (id),
    constraint support_case_account_fk foreign key (account_id) references account (id) on delete cascade,
    constraint support_case_state_ck check (state in ('OPEN', 'APPROVED', 'REJECTED', 'CLOSED'))
);

-- Serves the queue (by state, oldest first).
create index support_case_queue_ix on support_case (state, created_at);
create unique index support_case_link_ux on support_case (link_digest);

-- The files of a request, sealed with AES-GCM (SecretCipher: key id and Base64 text, like every other
-- secret here, so no blob/bytea: STYLE.md rule 20). Unbounded varchar: the service limits the size.
create table support_evidence (
    id          uuid                     not null,
    case_id     uuid                     not null,
    media_type  varchar(32)              not null,
    file_name   varchar(200)             not null,
    size_bytes  bigint                   not null,
    created_at  timestamp with time zone not null,
    sealed      varchar                  not null,
    constraint support_evidence_pk primary key (id),
    constraint support_evidence_case_fk foreign key (case_id) references support_case (id) on delete cascade
);

create index support_evidence_case_ix on support_evidence (case_id, created_at);

-- The operators' audit search without an account filter: newest first, by time range.
create index audit_event_at_ix on audit_event (at);
