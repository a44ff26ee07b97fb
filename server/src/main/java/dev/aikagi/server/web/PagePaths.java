package dev.aikagi.server.web;

import dev.aikagi.core.account.AccountId;

/**
 * Addresses of pages that one journey links to and another serves, so that a journey package names them
 * without importing the other journey's controller (docs/STYLE.md rule 3).
 */
public final class PagePaths {

    /** The two-step methods of the accounts of this browser; one account's page is {@link #methodsPath}. */
    public static final String TWO_FACTOR = "/settings/account-center/security/two-factor";
    /** The {@code then} value of an "add account" login that goes on to that account's two-step methods. */
    public static final String THEN_TWO_FACTOR = "two-factor";

    private PagePaths() {
    }

    /** The two-step methods page of one account. */
    public static String methodsPath(AccountId id) {
        return TWO_FACTOR + "/" + id;
    }
}
