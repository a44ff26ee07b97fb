-- Issue 18: invitation links for users an operator creates without a password. Only the SHA-256 (hex) of the
-- link's token is stored; a link works once (used_at set by one conditional update) until expires_at.
create table invitation (
    token_hash varchar(64)              not null,
    account_id uuid                     not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    constraint invitation_pk primary key (token_hash),
    constraint invitation_account_fk foreign key (account_id) references account (id) on delete cascade
);

create index invitation_account_ix on invitation (account_id);
