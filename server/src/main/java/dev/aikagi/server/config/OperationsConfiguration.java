package dev.aikagi.server.config;

import dev.aikagi.core.crypto.SecretGenerator;
import dev.aikagi.server.web.RequestIds;
import dev.aikagi.server.web.ServiceUnavailableFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * What running Aikagi in production adds: the start-up checks of production mode, a request id in every
 * log line and response, and a 503 rather than a 500 while the database is unreachable.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    /** Static: it must exist before the other beans, the connection pool among them, are made. */
    @Bean
    static ProductionChecks productionChecks(Environment environment) {
        return new ProductionChecks(environment);
    }

    /** First of all filters, so that every later log line of the request carries the id. */
    @Bean
    FilterRegistrationBean<RequestIds> requestIds(SecretGenerator generator) {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds(generator));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    /** Before Spring Security (order -100), whose session filter reads the database. */
    @Bean
    FilterRegistrationBean<ServiceUnavailableFilter> serviceUnavailableFilter() {
        FilterRegistrationBean<ServiceUnavailableFilter> registration =
                new FilterRegistrationBean<>(new ServiceUnavailableFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
