-- Issue 17 (step-up with a passkey): a WebAuthn challenge may also be for a signed-in session's step-up to AAL2,
-- bound to the session's id ('step_up').
alter table passkey_challenge drop constraint passkey_challenge_purpose_ck;
alter table passkey_challenge add constraint passkey_challenge_purpose_ck
    check (purpose in ('registration', 'second_step', 'login', 'step_up'));
