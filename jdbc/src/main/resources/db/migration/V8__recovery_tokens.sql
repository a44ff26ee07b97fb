-- Issue 14: a recovery case belongs to whoever started it. The SHA-256 (hex) of its recovery token; the token
-- itself is never stored. Cases started before this version have none: nobody can continue them (they expire
-- within a day or two; the person starts again).
alter table recovery_case add column token_hash varchar(64);

-- Serves the pages' look-up by token (their cookie holds only the token), and keeps two cases from one hash.
create unique index recovery_case_token_ix on recovery_case (token_hash);
