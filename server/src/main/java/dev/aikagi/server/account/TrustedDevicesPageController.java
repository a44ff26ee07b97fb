package dev.aikagi.server.account;

import dev.aikagi.core.session.Session;
import dev.aikagi.core.trust.TrustedDevices;
import dev.aikagi.server.web.ClientAddresses;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageInputs;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Issue 17: removing trusted devices from the security page, one or all. A signed-in session is enough, without
 * entering the password again: removing trust only takes a privilege away (the next login there asks for the
 * second step again), so a thief with the session gains nothing by it, and the owner should be able to do it
 * at once. Each removal is audited and shown in the activity list.
 */
@Controller
class TrustedDevicesPageController {

    static final String SECURITY = "/settings/account-center/security";

    private final TrustedDevices trusted;

    TrustedDevicesPageController(TrustedDevices trusted) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
    }

    @PostMapping(SECURITY + "/devices/{id}/remove")
    String remove(@PathVariable String id, HttpServletRequest request) {
        Session session = CurrentSession.required();
        // An unknown or another account's id changes nothing; the page says the same either way.
        PageInputs.uuid(id).ifPresent(device -> trusted.remove(session.accountId(), device, ClientAddresses.of(request)));
        return "redirect:" + SECURITY + "?device-removed";
    }

    @PostMapping(SECURITY + "/devices/remove-all")
    String removeAll(HttpServletRequest request) {
        trusted.removeAll(CurrentSession.required().accountId(), ClientAddresses.of(request));
        return "redirect:" + SECURITY + "?devices-removed";
    }
}
