package dev.aikagi.core.factor.passkey;

import dev.aikagi.core.account.AccountId;

/**
 * What the login and the two-step settings ask of an account's passkeys: whether it has any (then two-step
 * verification is on and "Use a passkey" is offered), how many, and removing them all with two-step verification.
 */
public interface PasskeyEnrollment {

    /** An account without passkeys: what services built without passkeys see. */
    PasskeyEnrollment NONE = new PasskeyEnrollment() {
        @Override
        public boolean isEnrolled(AccountId accountId) {
            return false;
        }

        @Override
        public int count(AccountId accountId) {
            return 0;
        }

        @Override
        public int removeAll(AccountId accountId) {
            return 0;
        }
    };

    boolean isEnrolled(AccountId accountId);

    int count(AccountId accountId);

    /** Removes every passkey of the account; returns how many. */
    int removeAll(AccountId accountId);
}
