package dev.aikagi.core.delivery;

import java.util.Map;

/**
 * Renders a message template in a language (ja or en). The server implements it with its message
 * bundles; messages say no more than they must (NIST SP 800-63B: a code and what it is for).
 */
public interface DeliveryTexts {

    /**
     * @param template a template name such as {@code login_code} or {@code alert.backup_code_used}
     * @param channel SMS texts are short and have no subject
     * @param language a BCP 47 language tag; unknown ones fall back to the default language
     */
    DeliveryText render(String template, Channel channel, String language, Map<String, String> arguments);
}
