-- Issue 17: browsers and apps an account trusts to skip the second step of its logins until expires_at
-- ("remember this browser"). The device's secret (a browser cookie's 192 random bits, or an app's own
-- Aikagi-Device value) is never stored: only its keyed digest (HMAC-SHA-256 with the pepper key_id and a
-- salt of its own, Base64 text as every binary value here; docs/STYLE.md rules 9 and 20). id is a random
-- handle, shown in lists and in the browser's cookie beside the secret; last_network is a /24 or /48.
create table trusted_device (
    id           uuid                     not null,
    account_id   uuid                     not null,
    kind         varchar(16)              not null,
    key_id       varchar(64)              not null,
    salt         varchar(64)              not null,
    digest       varchar(128)             not null,
    description  varchar(64)              not null,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone not null,
    last_network varchar(64)              not null,
    expires_at   timestamp with time zone not null,
    constraint trusted_device_pk primary key (id),
    constraint trusted_device_kind_ck check (kind in ('BROWSER', 'APP')),
    constraint trusted_device_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index trusted_device_account_ix on trusted_device (account_id, expires_at);
