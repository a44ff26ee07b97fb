package dev.aikagi.server.browser;

import java.util.Objects;
import java.util.UUID;

/**
 * People who use the pages: {@code TestPeople.person().build()} has a fresh username (tests sharing
 * one server never collide) and a long passphrase.
 */
final class TestPeople {

    private TestPeople() {
    }

    /** Who signs up: a username and the password typed on the pages. */
    record Person(String username, String password) {
        @Override
        public String toString() {
            return "Person[" + username + "]";
        }
    }

    static Builder person() {
        return new Builder();
    }

    static final class Builder {
        private String prefix = "hanako";
        private String password = "ゆきだるまの朝ごはん";

        private Builder() {
        }

        /** The readable start of the username; a short random part follows. */
        Builder named(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        Person build() {
            return new Person(prefix + "-" + UUID.randomUUID().toString().substring(0, 6), password);
        }
    }
}
