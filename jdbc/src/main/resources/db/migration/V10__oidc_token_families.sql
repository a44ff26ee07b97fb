-- Refresh-token reuse detection (issue 14; RFC 9700 §4.14.2, OAuth 2.1 §4.3.1). Every refresh token is used
-- once: using it records its SHA-256 here, against the authorization (the login's token family) it
-- belonged to. Presenting a recorded one again means two parties hold the family: every token of that
-- authorization is revoked, family_revoked_at is set, and the attempt is audited. Rows go a day after the
-- spent token would have expired.
create table oidc_spent_refresh_token (
    token_hash        varchar(100)             not null,
    authorization_id  varchar(100)             not null,
    principal_name    varchar(200)             not null,
    client_id         varchar(100)             not null,
    spent_at          timestamp with time zone not null,
    expires_at        timestamp with time zone not null,
    family_revoked_at timestamp with time zone,
    constraint oidc_spent_refresh_token_pk primary key (token_hash)
);
create index oidc_spent_refresh_token_authorization_ix on oidc_spent_refresh_token (authorization_id);
create index oidc_spent_refresh_token_expires_ix on oidc_spent_refresh_token (expires_at);
