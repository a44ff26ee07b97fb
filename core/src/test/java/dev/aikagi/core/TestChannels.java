package dev.aikagi.core;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.audit.Auditor;
import dev.aikagi.core.code.CodeSender;
import dev.aikagi.core.code.InMemoryOneTimeCodeRepository;
import dev.aikagi.core.code.OneTimeCodes;
import dev.aikagi.core.code.SendLimits;
import dev.aikagi.core.contact.ContactChannel;
import dev.aikagi.core.contact.InMemoryContactChannelRepository;
import dev.aikagi.core.crypto.CodeDigester;
import dev.aikagi.core.crypto.SecretCipher;
import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.core.crypto.TestSecrets;
import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryException;
import dev.aikagi.core.delivery.DeliveryText;
import dev.aikagi.core.delivery.DeliveryTexts;
import dev.aikagi.core.delivery.InMemoryMessageQueue;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.delivery.MessageGateway;
import dev.aikagi.core.factor.sms.SmsFactor;
import dev.aikagi.core.factor.sms.SmsRegions;
import dev.aikagi.core.policy.AttemptRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMS and email for core tests: real code issuing, limits, queue and {@link Deliveries}, with a gateway
 * that records what was sent (or fails on demand) and texts that spell out their template and arguments.
 */
public final class TestChannels {

    private static final Pattern CODE = Pattern.compile("code=(\\d{6})");

    public final InMemoryContactChannelRepository channels = new InMemoryContactChannelRepository();
    public final InMemoryOneTimeCodeRepository codeRepository = new InMemoryOneTimeCodeRepository();
    public final InMemoryMessageQueue queue = new InMemoryMessageQueue();
    public final List<Message> sent = new CopyOnWriteArrayList<>();
    public volatile boolean gatewayDown;
    public final Deliveries messages;
    public final OneTimeCodes codes;
    public final CodeSender sender;
    public final SmsFactor sms;

    /** Renders "template channel language {arguments}" so tests can read codes and links back. */
    public static final DeliveryTexts TEXTS = (template, channel, language, arguments) ->
            new DeliveryText(channel == Channel.EMAIL ? template : "",
                    template + " " + language + " " + new TreeMap<>(arguments));

    public TestChannels(SecretGenerator generator, AttemptRepository attempts, Clock clock) {
        this(generator, attempts, clock, SendLimits.DEFAULT, SmsRegions.ANY, Optional.empty());
    }

    /** With the operator's text-message settings, refusals audited (issue 14 point 4). */
    public TestChannels(SecretGenerator generator, AttemptRepository attempts, Clock clock, SendLimits.Policy policy,
                        SmsRegions regions, Auditor audit) {
        this(generator, attempts, clock, policy, regions, Optional.of(audit));
    }

    private TestChannels(SecretGenerator generator, AttemptRepository attempts, Clock clock, SendLimits.Policy policy,
                         SmsRegions regions, Optional<Auditor> audit) {
        MessageGateway gateway = new MessageGateway() {
            @Override
            public void deliver(Message message) throws DeliveryException {
                if (gatewayDown) {
                    throw new DeliveryException("gateway down (test)", true);
                }
                sent.add(message);
            }
        };
        messages = new Deliveries(queue, Map.of(Channel.SMS, gateway, Channel.EMAIL, gateway),
                new SecretCipher(TestSecrets.keyRing("e1"), generator), generator, clock);
        codes = new OneTimeCodes(codeRepository, new CodeDigester(TestSecrets.keyRing("p1"), generator), generator);
        sender = audit.isPresent()
                ? new CodeSender(codes, new SendLimits(attempts, policy), messages, TEXTS, regions, audit.get())
                : new CodeSender(codes, new SendLimits(attempts, policy), messages, TEXTS);
        sms = new SmsFactor(channels, sender);
    }

    /** Gives the account a verified phone that is an SMS login method. */
    public void addPhone(AccountId id, String e164, java.time.Instant at) {
        channels.save(new ContactChannel(id, Channel.SMS, e164, "ja", true, at));
    }

    public void addEmail(AccountId id, String email, java.time.Instant at) {
        channels.save(new ContactChannel(id, Channel.EMAIL, email, "en", false, at));
    }

    /** Deliveries sent to {@code to}, oldest first. */
    public List<Message> to(String to) {
        return sent.stream().filter(m -> m.to().equals(to)).toList();
    }

    /** The code in the newest message to {@code to}. */
    public String lastCode(String to) {
        List<Message> messages = to(to);
        Matcher m = CODE.matcher(messages.get(messages.size() - 1).body());
        if (!m.find()) {
            throw new AssertionError("no code in the last message to " + to);
        }
        return m.group(1);
    }

    public Optional<Message> last() {
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(sent.size() - 1));
    }
}
