package dev.aikagi.server.account;

import dev.aikagi.core.session.Session;
import dev.aikagi.core.settings.TimeZoneRepository;
import dev.aikagi.server.web.CurrentSession;
import dev.aikagi.server.web.PageZones;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The time zone of the times the pages show, chosen on the security page (issue 17): an IANA region id from the
 * page's list, or "" for the browser's own zone. Anything else (a forged option) changes nothing. Not a security
 * setting, so the password is not asked again.
 */
@Controller
class TimeZonePageController {

    static final String PATH = "/settings/account-center/security/time-zone";
    private static final String SECURITY = "/settings/account-center/security";

    private final TimeZoneRepository zones;
    private final Clock clock;

    TimeZonePageController(TimeZoneRepository zones, Clock clock) {
        this.zones = Objects.requireNonNull(zones, "zones");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @PostMapping(PATH)
    String choose(@RequestParam(required = false) String zone) {
        Session session = CurrentSession.required();
        if (zone == null || zone.isEmpty()) {
            zones.clear(session.accountId());
            return "redirect:" + SECURITY + "?time-zone";
        }
        Optional<java.time.ZoneId> chosen = PageZones.parse(zone);
        if (chosen.isEmpty()) {
            return "redirect:" + SECURITY;
        }
        zones.choose(session.accountId(), chosen.get(), clock.instant());
        return "redirect:" + SECURITY + "?time-zone";
    }
}
