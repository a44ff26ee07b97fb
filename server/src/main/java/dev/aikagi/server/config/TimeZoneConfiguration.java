package dev.aikagi.server.config;

import dev.aikagi.core.settings.TimeZoneRepository;
import dev.aikagi.jdbc.JdbcTimeZoneRepository;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.web.PageZones;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Times in the reader's zone (issue 17): the zones people chose (V18) and the one place that decides a request's
 * zone, {@link PageZones}, which {@link dev.aikagi.server.web.PageFormats} asks for every time a page shows.
 */
@Configuration(proxyBeanMethods = false)
class TimeZoneConfiguration {

    @Bean
    TimeZoneRepository timeZoneRepository(DataSource dataSource) {
        return new JdbcTimeZoneRepository(dataSource);
    }

    @Bean
    PageZones pageZones(AikagiProperties properties, TimeZoneRepository chosen) {
        return new PageZones(properties.displayZone(), chosen);
    }
}
