package dev.aikagi.core.session;

/** Authentication assurance levels of NIST SP 800-63B. */
public enum AssuranceLevel {
    /** One factor (the password). */
    AAL1,
    /** Two distinct factors: the password and a second factor. */
    AAL2
}
