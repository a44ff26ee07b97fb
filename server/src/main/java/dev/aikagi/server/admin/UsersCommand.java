package dev.aikagi.server.admin;

import dev.aikagi.core.Outcome;
import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.admin.AccountDisabling;
import dev.aikagi.core.admin.AdminFailure;
import dev.aikagi.core.admin.AdminSessions;
import dev.aikagi.core.admin.AdminTwoStep;
import dev.aikagi.core.admin.TwoStepResets;
import dev.aikagi.core.admin.UserDirectory;
import dev.aikagi.core.admin.UserTransfer;
import dev.aikagi.core.admin.UserView;
import dev.aikagi.core.role.Role;
import dev.aikagi.core.role.Roles;
import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.TwoStepStatus;
import dev.aikagi.server.web.ApiDocs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar aikagi-server.jar --aikagi.command=users <subcommand> …} (issue 18): the admin API's operations
 * for the operator on the host, with nothing running but the database. Human output by default, {@code --json}
 * for scripts; exit codes 0 done, 1 refused or not found, 2 usage. A user is named by username or account id.
 * Arguments Spring reads ({@code --aikagi.*}, {@code --spring.*}, {@code --server.*}, {@code --logging.*},
 * {@code --management.*}) are the configuration, not the command's.
 */
public final class UsersCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String NAME = "users";
    static final int REFUSED = 1;
    private static final List<String> SPRING_PREFIXES = List.of("--aikagi.", "--spring.", "--server.", "--logging.",
            "--management.", "--debug", "--trace");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BY = "command";

    private final Services services;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private volatile int exitCode = CommandLine.ExitCode.USAGE;

    /** What the command works with: the core's operator services. */
    record Services(UserDirectory users, AccountDisabling disabling, AdminTwoStep twoStep, TwoStepResets resets,
                    AdminSessions sessions, Roles roles, UserTransfer transfer,
                    dev.aikagi.core.account.AccountErasure erasure, dev.aikagi.core.admin.Invitations invitations) {
        Services {
            Objects.requireNonNull(invitations, "invitations");
            Objects.requireNonNull(erasure, "erasure");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(disabling, "disabling");
            Objects.requireNonNull(twoStep, "twoStep");
            Objects.requireNonNull(resets, "resets");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(roles, "roles");
            Objects.requireNonNull(transfer, "transfer");
        }
    }

    UsersCommand(Services services, PrintWriter out, PrintWriter err, BufferedReader in) {
        this.services = Objects.requireNonNull(services, "services");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> own = new ArrayList<>();
        for (String arg : args.getSourceArgs()) {
            if (SPRING_PREFIXES.stream().noneMatch(arg::startsWith)) {
                own.add(arg);
            }
        }
        exitCode = execute(own.toArray(String[]::new));
    }

    /** Runs the command line {@code args} (without Spring's); its exit code. */
    int execute(String... args) {
        CommandLine line = new CommandLine(new Users(this)).setOut(out).setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true);
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    @Command(name = NAME, mixinStandardHelpOptions = true, version = "aikagi users",
            description = "Manage users without a browser: the admin API's operations (issue 18).",
            footer = {"", "Exit codes: 0 done, 1 refused or not found, 2 usage.",
                    "A USER is a username or an account id."},
            subcommands = {Show.class, Search.class, Create.class, Invite.class, Disable.class, Enable.class, Delete.class, TwoStep.class,
                    ResetTwoStep.class, Sessions.class, EndSession.class, EndSessions.class, GrantRole.class,
                    RevokeRole.class, Import.class, Export.class})
    static final class Users implements Callable<Integer> {
        final UsersCommand command;

        @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT, description = "JSON output, for scripts")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Users(UsersCommand command) {
            this.command = command;
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(command.out);
            return CommandLine.ExitCode.USAGE;
        }

        Services services() {
            return command.services;
        }

        /** The account a USER argument names; empty (after saying so) when none. */
        Optional<UserView> user(String user) {
            Optional<UserView> found;
            try {
                found = services().users().find(AccountId.parse(user));
            } catch (IllegalArgumentException notAnId) {
                found = services().users().findByUsername(user);
            }
            if (found.isEmpty()) {
                refused(AdminFailure.USER_NOT_FOUND, "no user '" + user + "'");
            }
            return found;
        }

        int refused(AdminFailure failure, String text) {
            return refused(failure.code(), text);
        }

        int refused(String code, String text) {
            if (json) {
                print(Map.of("error", code, "detail", text));
            } else {
                command.err.println(text + " (" + code + ")");
            }
            return REFUSED;
        }

        /** Prints {@code value} as JSON, or {@code human} for a person. */
        int done(Object value, String human) {
            if (json) {
                print(value);
            } else {
                command.out.println(human);
            }
            return CommandLine.ExitCode.OK;
        }

        void print(Object value) {
            command.out.println(JSON.writeValueAsString(value));
        }

        <T> Optional<T> outcome(Outcome<T, AdminFailure> outcome) {
            return switch (outcome) {
                case Outcome.Done<T, AdminFailure> done -> Optional.of(done.value());
                case Outcome.Refused<T, AdminFailure> refused -> {
                    refused(refused.failure(), refused.failure().code().replace('_', ' '));
                    yield Optional.empty();
                }
            };
        }

        PrintWriter out() {
            return command.out;
        }

        String readLine() {
            try {
                String line = command.in.readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Map<String, Object> json(UserView user) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", user.id().toString());
        map.put("username", user.username());
        map.put("createdAt", user.createdAt().toString());
        map.put("disabled", user.disabledAt().isPresent());
        map.put("disabledAt", user.disabledAt().map(Instant::toString).orElse(null));
        map.put("email", user.email().map(c -> Map.of("address", c.address(), "verified", true,
                "verifiedAt", c.verifiedAt().toString())).orElse(null));
        map.put("phone", user.phone().map(c -> Map.of("address", c.address(), "verified", true,
                "verifiedAt", c.verifiedAt().toString())).orElse(null));
        map.put("roles", user.roles().stream().map(Role::value).toList());
        return map;
    }

    static String human(UserView user) {
        return user.username() + "  " + user.id() + (user.disabledAt().isPresent() ? "  DISABLED since "
                + user.disabledAt().get() : "") + "\n  created " + user.createdAt()
                + "\n  email   " + user.email().map(UserView.Contact::address).orElse("-")
                + "\n  phone   " + user.phone().map(UserView.Contact::address).orElse("-")
                + "\n  roles   " + (user.roles().isEmpty() ? "-"
                : String.join(", ", user.roles().stream().map(Role::value).toList()));
    }

    static Map<String, Object> json(TwoStepStatus status) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("enabled", status.enabled());
        map.put("methods", ApiDocs.methods(status));
        map.put("backupCodesRemaining", status.backupCodesRemaining());
        map.put("backupCodesTotal", status.backupCodesTotal());
        return map;
    }

    static String human(TwoStepStatus status) {
        List<String> methods = ApiDocs.methods(status);
        return "two-step " + (status.enabled() ? "on" : "off") + "; methods: "
                + (methods.isEmpty() ? "none" : String.join(", ", methods)) + "; backup codes left: "
                + status.backupCodesRemaining() + " of " + status.backupCodesTotal();
    }

    @Command(name = "show", description = "Show a user.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            return parent.user(user).map(u -> parent.done(json(u), human(u))).orElse(REFUSED);
        }
    }

    @Command(name = "search", description = "Find users by username, email or phone (the whole value).")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "QUERY")
        String query;

        @Override
        public Integer call() {
            List<UserView> found = parent.services().users().search(query);
            return parent.done(Map.of("users", found.stream().map(UsersCommand::json).toList()),
                    found.isEmpty() ? "no user matches" : String.join("\n", found.stream().map(UsersCommand::human).toList()));
        }
    }

    @Command(name = "create", description = {"Create a user; the password is read from the first line of standard input.",
        "With --invite, nothing is read: the account has no usable password until the person sets one with the link"
                + " mailed to --email (required then)."})
    static final class Create implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USERNAME")
        String username;
        @Option(names = "--email", description = "an email address (counts as verified)")
        String email;
        @Option(names = "--phone", description = "a mobile number (counts as verified)")
        String phone;
        @Option(names = "--language", defaultValue = "ja", description = "ja or en: the language of messages sent")
        String language;
        @Option(names = "--invite", description = "mail an invitation link instead of reading a password")
        boolean invite;

        @Override
        public Integer call() {
            if (invite) {
                return parent.outcome(parent.services().invitations().create(new UserDirectory.NewUser(username, "",
                                Optional.ofNullable(email), Optional.ofNullable(phone), language), BY))
                        .map(u -> parent.done(json(u), "created " + human(u) + "; invitation sent")).orElse(REFUSED);
            }
            String password = parent.readLine();
            return parent.outcome(parent.services().users().create(new UserDirectory.NewUser(username, password,
                            Optional.ofNullable(email), Optional.ofNullable(phone), language), BY))
                    .map(u -> parent.done(json(u), "created " + human(u))).orElse(REFUSED);
        }
    }

    @Command(name = "invite", description = "Send a user a new invitation link (to set their password); earlier links"
            + " stop working.")
    static final class Invite implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            return parent.user(user).flatMap(u -> parent.outcome(parent.services().invitations().resend(u.id(), BY))
                            .map(sent -> parent.done(json(sent), "invitation sent to " + human(sent))))
                    .orElse(REFUSED);
        }
    }

    @Command(name = "disable", description = "Disable a user: no login, recovery or token refresh; every session ends.")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            return parent.user(user).flatMap(u -> parent.outcome(parent.services().disabling().disable(u.id(), BY))
                            .map(change -> parent.done(Map.of("id", u.id().toString(), "disabled", true,
                                    "changed", change == AccountDisabling.Change.CHANGED), u.username()
                                    + (change == AccountDisabling.Change.CHANGED ? " disabled" : " was already disabled"))))
                    .orElse(REFUSED);
        }
    }

    @Command(name = "enable", description = "Enable a disabled user again.")
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            return parent.user(user).flatMap(u -> parent.outcome(parent.services().disabling().enable(u.id(), BY))
                            .map(change -> parent.done(Map.of("id", u.id().toString(), "disabled", false,
                                    "changed", change == AccountDisabling.Change.CHANGED), u.username()
                                    + (change == AccountDisabling.Change.CHANGED ? " enabled" : " was not disabled"))))
                    .orElse(REFUSED);
        }
    }

    @Command(name = "delete", description = {"Delete a user now: the account's data is erased; audit records stay"
            + " without anything that names the person. Needs --yes."})
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;
        @Option(names = "--yes", description = "really delete (there is no undo)")
        boolean yes;

        @Override
        public Integer call() {
            if (!yes) {
                parent.spec.commandLine().getErr().println("Deleting cannot be undone: add --yes to delete " + user + ".");
                return CommandLine.ExitCode.USAGE;
            }
            return parent.user(user).map(u -> {
                parent.services().erasure().erase(u.id(), "admin");
                return parent.done(Map.of("id", u.id().toString(), "deleted", true), u.username() + " deleted");
            }).orElse(REFUSED);
        }
    }

    @Command(name = "two-step", description = "A user's two-step methods and backup codes left.")
    static final class TwoStep implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            return parent.user(user).flatMap(u -> parent.outcome(parent.services().twoStep().status(u.id()))
                    .map(s -> parent.done(json(s), u.username() + ": " + human(s)))).orElse(REFUSED);
        }
    }

    @Command(name = "reset-two-step", description = {"Remove a two-step method, or all of them. The person is told on"
            + " every channel; unless --immediately, the removal waits aikagi.recovery.waiting-period and the"
            + " notice's link cancels it."})
    static final class ResetTwoStep implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;
        @Option(names = "--method", defaultValue = "all", description = "all (default), totp, sms or backup-codes")
        String method;
        @Option(names = "--immediately", description = "remove now, without the waiting period")
        boolean immediately;

        @Override
        public Integer call() {
            Optional<AdminTwoStep.Method> parsed = AdminTwoStep.Method.parse(method);
            if (parsed.isEmpty()) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(),
                        "--method must be all, totp, sms or backup-codes");
            }
            Optional<UserView> found = parent.user(user);
            if (found.isEmpty()) {
                return REFUSED;
            }
            AccountId id = found.get().id();
            if (immediately) {
                return parent.outcome(parent.services().resets().now(id, parsed.get(), BY))
                        .map(s -> parent.done(Map.of("state", "done", "method", parsed.get().value(), "twoStep", json(s)),
                                "reset done: " + human(s))).orElse(REFUSED);
            }
            return parent.outcome(parent.services().resets().request(id, parsed.get(), BY))
                    .map(at -> parent.done(Map.of("state", "waiting", "method", parsed.get().value(),
                            "effectiveAt", at.toString()), "reset waiting: takes effect at " + at
                            + " unless the person cancels it")).orElse(REFUSED);
        }
    }

    @Command(name = "sessions", description = "A user's active sessions, newest first.")
    static final class Sessions implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            return parent.user(user).flatMap(u -> parent.outcome(parent.services().sessions().list(u.id())).map(list ->
                    parent.done(Map.of("sessions", list.stream().map(UsersCommand::json).toList()), list.isEmpty()
                            ? "no active session" : String.join("\n", list.stream().map(s -> s.id() + "  "
                            + s.kind().name().toLowerCase(Locale.ROOT) + "  " + s.assurance() + "  last seen "
                            + s.lastSeenAt()).toList())))).orElse(REFUSED);
        }
    }

    static Map<String, Object> json(Session session) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", session.id().toString());
        map.put("kind", session.kind().name().toLowerCase(Locale.ROOT));
        map.put("assurance", session.assurance().name().toLowerCase(Locale.ROOT));
        map.put("amr", session.amr());
        map.put("createdAt", session.createdAt().toString());
        map.put("lastSeenAt", session.lastSeenAt().toString());
        return map;
    }

    @Command(name = "end-session", description = "End one session of a user.")
    static final class EndSession implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "SESSION_ID")
        String session;

        @Override
        public Integer call() {
            UUID id;
            try {
                id = UUID.fromString(session);
            } catch (IllegalArgumentException malformed) {
                id = null;
            }
            UUID sessionId = id;
            return parent.user(user).flatMap(u -> parent.outcome(parent.services().sessions().end(u.id(), sessionId, BY))
                    .map(s -> parent.done(Map.of("ended", 1), "session " + s.id() + " ended"))).orElse(REFUSED);
        }
    }

    @Command(name = "end-sessions", description = "End every session of a user (and applications' tokens).")
    static final class EndSessions implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            return parent.user(user).flatMap(u -> parent.outcome(parent.services().sessions().endAll(u.id(), BY))
                    .map(n -> parent.done(Map.of("ended", n), n + " sessions ended"))).orElse(REFUSED);
        }
    }

    @Command(name = "grant-role", description = "Grant a role: support-agent or admin.")
    static final class GrantRole implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "ROLE")
        String role;

        @Override
        public Integer call() {
            return changeRole(parent, user, role, true);
        }
    }

    @Command(name = "revoke-role", description = "Take back a role: support-agent or admin.")
    static final class RevokeRole implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(index = "0", paramLabel = "USER")
        String user;
        @Parameters(index = "1", paramLabel = "ROLE")
        String role;

        @Override
        public Integer call() {
            return changeRole(parent, user, role, false);
        }
    }

    private static int changeRole(Users parent, String user, String role, boolean grant) {
        Optional<Role> parsed = Role.parse(role);
        if (parsed.isEmpty()) {
            throw new CommandLine.ParameterException(parent.spec.commandLine(), "ROLE must be support-agent or admin");
        }
        Optional<UserView> found = parent.user(user);
        if (found.isEmpty()) {
            return REFUSED;
        }
        Roles.Change change = grant ? parent.services().roles().grant(found.get().username(), parsed.get())
                : parent.services().roles().revoke(found.get().username(), parsed.get());
        if (change instanceof Roles.NoSuchAccount) {
            return parent.refused(AdminFailure.USER_NOT_FOUND, "no user '" + user + "'");
        }
        UserView after = parent.services().users().find(found.get().id()).orElseThrow();
        return parent.done(json(after), (change instanceof Roles.Changed ? "" : "nothing changed: ") + human(after));
    }

    @Command(name = "import", description = {"Import users from FILE: JSON lines (one user a line, as export writes"
            + " them) or a Keycloak realm export. Password hashes (Argon2id, bcrypt, PBKDF2-SHA-256) are kept and"
            + " re-hashed at the next login; TOTP secrets are sealed. Users that cannot be imported are listed and"
            + " the exit code is then 1."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Parameters(paramLabel = "FILE")
        java.nio.file.Path file;

        @Override
        public Integer call() {
            String text;
            try {
                text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                return parent.refused("file_unreadable", "cannot read " + file);
            }
            int imported = 0;
            List<Map<String, Object>> skipped = new ArrayList<>();
            for (UserTransferFormat.Entry entry : UserTransferFormat.read(text)) {
                Optional<String> problem = entry.user().isEmpty() ? Optional.of(entry.problem())
                        : switch (parent.services().transfer().importUser(entry.user().get(), BY)) {
                            case Outcome.Done<AccountId, UserTransfer.ImportProblem> done -> Optional.<String>empty();
                            case Outcome.Refused<AccountId, UserTransfer.ImportProblem> refused ->
                                    Optional.of(refused.failure().code());
                        };
                if (problem.isPresent()) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("entry", entry.number());
                    item.put("username", entry.username());
                    item.put("problem", problem.get());
                    skipped.add(item);
                } else {
                    imported++;
                }
            }
            parent.services().transfer().imported(imported, skipped.size(), BY);
            StringBuilder human = new StringBuilder(imported + " users imported, " + skipped.size() + " skipped");
            skipped.forEach(item -> human.append("\n  entry ").append(item.get("entry")).append(" '")
                    .append(item.get("username")).append("': ").append(item.get("problem")));
            parent.done(Map.of("imported", imported, "skipped", skipped), human.toString());
            return skipped.isEmpty() ? CommandLine.ExitCode.OK : REFUSED;
        }
    }

    @Command(name = "export", description = {"Write every user as JSON lines to standard output: username, email and"
            + " phone (verified), password hash, disabled. TOTP secrets only with --include-totp-secrets (then keep"
            + " the file as secret as the keys)."})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        Users parent;
        @Option(names = "--include-totp-secrets", description = "also write each authenticator key (Base32)")
        boolean totpSecrets;

        @Override
        public Integer call() {
            parent.services().transfer().exportAll(totpSecrets, user -> parent.out().println(UserTransferFormat.write(user)));
            return CommandLine.ExitCode.OK;
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = ReencryptCommand.PROPERTY,
            havingValue = NAME)
    static class Wiring {
        // The command's name is checked (and put in its plain form) by CommandEnvironment.
        @org.springframework.context.annotation.Bean
        UsersCommand usersCommand(UserDirectory users, AccountDisabling disabling, AdminTwoStep twoStep,
                                  TwoStepResets resets, AdminSessions sessions, Roles roles, UserTransfer transfer,
                                  dev.aikagi.core.account.AccountErasure erasure,
                                  dev.aikagi.core.admin.Invitations invitations) {
            return new UsersCommand(new Services(users, disabling, twoStep, resets, sessions, roles, transfer, erasure,
                    invitations),
                    new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true),
                    new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true),
                    new BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)));
        }
    }
}
