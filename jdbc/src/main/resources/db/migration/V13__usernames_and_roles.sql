-- Issue 14, points 5 and 6: look-alike usernames and roles held in the database. Portable SQL, like V1–V7:
-- runs unchanged on PostgreSQL 15+ and on H2 2.x in MODE=PostgreSQL.

-- The Unicode TS #39 skeleton of each username, as a SHA-256 digest in hex (Username.skeleton). Two columns:
--   username_skeleton        every account's, for finding look-alikes (the support console's flag);
--   username_skeleton_claim  the same value, unique: a new name whose skeleton is held is taken, decided by
--                            the index, so two sign-ups racing for look-alike names cannot both succeed.
-- Accounts made before this version may already share a skeleton ("bob1" and "bobl"); they keep their
-- names. A unique index over every account would then fail to build, so only the oldest account of such a
-- group holds the claim and the others have a null claim (null is never equal to null in a unique index, on
-- H2 and PostgreSQL alike). The skeleton is computed by ICU in Java, so both columns are filled at start-up
-- (JdbcAccountRepository.fillSkeletons, oldest account first), not here.
alter table account add column username_skeleton varchar(64);
alter table account add column username_skeleton_claim varchar(64);
create index account_username_skeleton_ix on account (username_skeleton);
create unique index account_username_skeleton_claim_ux on account (username_skeleton_claim);

-- Roles (support-agent, admin) granted to accounts by id, never decided by a username at request time.
-- granted_by: 'command' (grant-role) or 'configuration' (aikagi.support.agents / aikagi.oidc.admins at
-- start-up); a role the configuration granted is taken back when its name leaves the list.
create table account_role (
    account_id uuid                     not null,
    role       varchar(32)              not null,
    granted_by varchar(16)              not null,
    granted_at timestamp with time zone not null,
    constraint account_role_pk primary key (account_id, role),
    constraint account_role_account_fk foreign key (account_id) references account (id) on delete cascade,
    constraint account_role_role_ck check (role in ('support-agent', 'admin')),
    constraint account_role_granted_by_ck check (granted_by in ('command', 'configuration'))
);

create index account_role_role_ix on account_role (role);

-- Each name a configuration list has named, and the account it belonged to the first time it was listed
-- (null: none). A name listed before anyone registered it stays bound to "nobody": whoever signs it up later
-- does not become an agent or an admin at the next start-up (the operator grants with the command instead).
create table role_listing (
    role            varchar(32)              not null,
    username        varchar(300)             not null,
    account_id      uuid,
    first_listed_at timestamp with time zone not null,
    constraint role_listing_pk primary key (role, username)
);
