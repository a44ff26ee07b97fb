-- Issue 17: the time zone a person chose on the security page, in which the pages show their times ("23:37 UTC"
-- on a Japanese page was the complaint). An IANA zone id (Asia/Tokyo), checked against the JDK's list before it is
-- stored. No row: the browser's zone, else the language's usual one, else aikagi.time-zone. Portable SQL, like
-- V1–V13: runs unchanged on PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.
create table account_time_zone (
    account_id uuid                     not null,
    zone_id    varchar(64)              not null,
    chosen_at  timestamp with time zone not null,
    constraint account_time_zone_pk primary key (account_id),
    constraint account_time_zone_account_fk foreign key (account_id) references account (id) on delete cascade
);
