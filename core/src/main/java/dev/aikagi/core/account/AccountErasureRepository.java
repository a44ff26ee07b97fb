package dev.aikagi.core.account;

/**
 * Where an account's data is erased, in one transaction of the store: the account and everything that belongs
 * to it (factors, contacts, sessions, devices, tokens, codes, messages waiting to go, recovery and support
 * cases, the tokens and consents applications hold). Audit records stay, as the law asks, without anything
 * that names the person: no client address, and only details that say what happened.
 */
public interface AccountErasureRepository {

    /** @return false when there was no such account (erased already) */
    boolean erase(AccountId accountId);
}
