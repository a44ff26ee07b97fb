-- Contact channels, one-time codes, the message queue, the development outbox and "this wasn't me"
-- links. Portable SQL, like V1–V3: runs unchanged on PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.

-- An account's email address and phone number (at most one of each kind). address is the canonical
-- form (lower-case email, E.164 phone). A row exists only once the address was verified with a code;
-- language is the one the person used when verifying it, and messages to it are written in it.
-- sms_login: the phone number is also a second factor (codes by SMS at login).
create table contact_channel (
    account_id  uuid                     not null,
    kind        varchar(8)               not null,
    address     varchar(320)             not null,
    language    varchar(8)               not null,
    sms_login   boolean                  not null,
    verified_at timestamp with time zone not null,
    constraint contact_channel_pk primary key (account_id, kind),
    constraint contact_channel_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index contact_channel_address_ix on contact_channel (kind, address);

-- Codes sent by SMS or email: login codes (bound to a login flow), channel verification codes (bound
-- to the address being verified), later recovery codes. Stored as keyed digests like backup codes.
-- Only the newest code of one (account, purpose) is valid: a new one marks the older unused ones
-- superseded (JdbcOneTimeCodeRepository.issue). "Use once" is the conditional update of used_at.
create table one_time_code (
    id            uuid                     not null,
    account_id    uuid                     not null,
    purpose       varchar(32)              not null,
    binding       varchar(320)             not null,
    key_id        varchar(64)              not null,
    salt          varchar(128)             not null,
    digest        varchar(128)             not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    used_at       timestamp with time zone,
    superseded_at timestamp with time zone,
    constraint one_time_code_pk primary key (id),
    constraint one_time_code_account_fk foreign key (account_id) references account (id) on delete cascade
);

-- Serves both the newest-first look-up and the supersede update, which filter on (account, purpose)
-- and not on binding.
create index one_time_code_lookup_ix on one_time_code (account_id, purpose, created_at);

-- Messages waiting to be sent, or sent. body is sealed (AES-GCM, the message id as associated data):
-- it may hold a code. A node claims a due message by setting claimed_until with a conditional update;
-- a crashed node's claim lapses and another node sends it. state: PENDING, SENT, FAILED (gave up).
create table message_queue (
    id              uuid                     not null,
    channel         varchar(8)               not null,
    recipient       varchar(320)             not null,
    subject         varchar(512)             not null,
    sealed_body     varchar(16000)           not null,
    account_id      uuid,
    kind            varchar(64)              not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    state           varchar(16)              not null,
    attempts        integer                  not null,
    next_attempt_at timestamp with time zone not null,
    claimed_until   timestamp with time zone,
    sent_at         timestamp with time zone,
    last_error      varchar(512),
    constraint message_queue_pk primary key (id)
);

create index message_queue_due_ix on message_queue (state, next_attempt_at);

-- The development gateway's mailbox: what would have been sent, readable at /dev/outbox. Only the
-- "outbox" gateway writes here; never used in production mode.
create table outbox_message (
    id         uuid                     not null,
    channel    varchar(8)               not null,
    recipient  varchar(320)             not null,
    subject    varchar(512)             not null,
    body       varchar(16000)           not null,
    created_at timestamp with time zone not null,
    constraint outbox_message_pk primary key (id)
);

create index outbox_message_created_ix on outbox_message (created_at desc);

-- "This wasn't me" links in security notifications: single use, expiring; only the SHA-256 of the
-- link's token is stored.
create table alert_token (
    token_hash varchar(64)              not null,
    account_id uuid                     not null,
    event      varchar(64)              not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    constraint alert_token_pk primary key (token_hash),
    constraint alert_token_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index alert_token_account_ix on alert_token (account_id);

-- Browsers an account has logged in from: a long-lived random device cookie, stored as its SHA-256.
-- A login from a browser not listed here is a "login from a new device" and is notified.
create table known_device (
    account_id    uuid                     not null,
    device_hash   varchar(64)              not null,
    first_seen_at timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null,
    constraint known_device_pk primary key (account_id, device_hash),
    constraint known_device_account_fk foreign key (account_id) references account (id) on delete cascade
);
