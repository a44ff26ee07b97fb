-- Failure counters shared by every server node; a row is locked (select ... for update) while an
-- attempt is decided.
create table attempt_counter (
    counter_key     varchar(255)             not null,
    failures        integer                  not null,
    last_failure_at timestamp with time zone,
    constraint attempt_counter_pk primary key (counter_key),
    constraint attempt_counter_failures_ck check (failures >= 0)
);

-- Login flows in progress. second_factors is a comma-separated list of FactorKind names; completed is
-- a semicolon-separated list of KIND@ISO-8601-instant, in the order the factors were completed.
create table login_flow (
    id             uuid                     not null,
    state          varchar(32)              not null,
    account_id     uuid,
    second_factors varchar(255)             not null,
    challenge      varchar(32),
    completed      varchar(1024)            not null,
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    version        integer                  not null,
    constraint login_flow_pk primary key (id),
    constraint login_flow_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index login_flow_expires_ix on login_flow (expires_at);
create index login_flow_account_ix on login_flow (account_id);
