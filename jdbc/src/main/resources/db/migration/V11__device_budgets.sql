-- Issue 14: a device that completed a full login to an account keeps its own attempt budget for 30 days
-- (OWASP "Slow Down Online Guessing Attacks with Device Cookies"). binding_hash is the SHA-256 of the
-- account and the device value together (the value itself is a secret and is never stored);
-- last_login_at is the last completed full login from that device.
create table device_binding (
    account_id    uuid                     not null,
    binding_hash  varchar(64)              not null,
    bound_at      timestamp with time zone not null,
    last_login_at timestamp with time zone not null,
    constraint device_binding_pk primary key (account_id, binding_hash),
    constraint device_binding_account_fk foreign key (account_id) references account (id) on delete cascade
);
