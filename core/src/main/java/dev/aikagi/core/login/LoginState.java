package dev.aikagi.core.login;

/**
 * The states of a {@link LoginFlow}; the diagram is {@code login-state.mmd} beside this file.
 * To change behaviour, add states rather than give old ones a new meaning: flows in the database
 * outlive a deployment.
 */
public enum LoginState {
    /** Created; waiting for username and password. */
    AWAITING_PASSWORD,
    /** Password right; waiting for a code of one of the account's second factors. */
    AWAITING_SECOND_FACTOR,
    /** Every required factor completed. Terminal. */
    AUTHENTICATED
}
