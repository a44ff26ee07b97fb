-- OpenID Connect provider (issue 7): the tables of Spring Security's authorization server, written
-- portably (text instead of blob, timestamps with time zone) so they run unchanged on PostgreSQL 15+ and
-- on H2 2.x in MODE=PostgreSQL. Every node reads them: a code issued on one node is redeemed on another.

-- Clients: those in the configuration file are written here at start-up; the admin page adds others.
create table oauth2_registered_client (
    id                            varchar(100)             not null,
    client_id                     varchar(100)             not null,
    client_id_issued_at           timestamp with time zone default current_timestamp not null,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamp with time zone,
    client_name                   varchar(200)             not null,
    client_authentication_methods varchar(1000)            not null,
    authorization_grant_types     varchar(1000)            not null,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000)            not null,
    client_settings               varchar(2000)            not null,
    token_settings                varchar(2000)            not null,
    constraint oauth2_registered_client_pk primary key (id)
);
create unique index oauth2_registered_client_client_id_ux on oauth2_registered_client (client_id);

-- Authorizations: the code (single use), the tokens and the login facts (amr, acr, auth_time) they carry.
create table oauth2_authorization (
    id                            varchar(100)             not null,
    registered_client_id          varchar(100)             not null,
    principal_name                varchar(200)             not null,
    authorization_grant_type      varchar(100)             not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamp with time zone,
    access_token_expires_at       timestamp with time zone,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamp with time zone,
    oidc_id_token_expires_at      timestamp with time zone,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamp with time zone,
    refresh_token_expires_at      timestamp with time zone,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamp with time zone,
    user_code_expires_at          timestamp with time zone,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamp with time zone,
    device_code_expires_at        timestamp with time zone,
    device_code_metadata          text,
    constraint oauth2_authorization_pk primary key (id)
);
create index oauth2_authorization_state_ix on oauth2_authorization (state);
create index oauth2_authorization_code_ix on oauth2_authorization (authorization_code_value);
create index oauth2_authorization_access_ix on oauth2_authorization (access_token_value);
create index oauth2_authorization_refresh_ix on oauth2_authorization (refresh_token_value);
create index oauth2_authorization_principal_ix on oauth2_authorization (principal_name);

-- What a person allowed a third-party client (first-party clients skip consent).
create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    constraint oauth2_authorization_consent_pk primary key (registered_client_id, principal_name)
);

-- Token signing keys, shared by every node. The private key (a JWK) is sealed with the encryption key
-- ring like TOTP secrets. The newest key signs; older keys stay published in the JWKS until retire_at
-- so tokens they signed keep verifying.
create table oidc_signing_key (
    kid        varchar(64)              not null,
    sealed_jwk text                     not null,
    created_at timestamp with time zone not null,
    retire_at  timestamp with time zone not null,
    constraint oidc_signing_key_pk primary key (kid)
);
