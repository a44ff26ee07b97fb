package dev.aikagi.server.support;

import dev.aikagi.core.account.Username;
import dev.aikagi.core.support.SupportPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The support console's settings under {@code aikagi.support.*}.
 *
 * @param agents usernames of existing accounts to give the support-agent role at start-up (the console at
 *     {@code /support}; each must log in with two-step verification). Bound to the account that has the name
 *     when it is first listed: a name nobody had then gives nothing (a warning; production refuses to start).
 *     The role itself is in the database: {@code --aikagi.command=grant-role} and {@code revoke-role} change
 *     it, and a name leaving the list loses the role the list gave.
 * @param requireTwoApprovals approving a request needs two different agents
 * @param uploadMaxBytes the largest file a request may carry (at most 20 MiB)
 * @param maxFiles how many files one request may carry
 * @param retention how long files are kept after the request was decided
 */
@ConfigurationProperties("aikagi.support")
public record SupportProperties(@DefaultValue List<String> agents,
                                @DefaultValue("false") boolean requireTwoApprovals,
                                @DefaultValue("5242880") long uploadMaxBytes,
                                @DefaultValue("5") int maxFiles,
                                @DefaultValue("30d") Duration retention) {

    public SupportProperties {
        // Compared with the stored, canonical username: written as people type them, they match anyway.
        agents = agents == null ? List.of()
                : agents.stream().map(String::strip).filter(a -> !a.isEmpty())
                        .map(a -> Username.canonical(a).orElse(a.toLowerCase(Locale.ROOT))).toList();
    }

    /** Validated: an out-of-range limit stops the start-up with the setting's name. */
    public SupportPolicy policy() {
        return new SupportPolicy(requireTwoApprovals, uploadMaxBytes, maxFiles, retention);
    }
}
