package dev.aikagi.server.support;

import dev.aikagi.core.role.Roles;
import dev.aikagi.core.support.EvidenceRepository;
import dev.aikagi.core.support.SupportEvidence;
import dev.aikagi.core.support.SupportPolicy;
import dev.aikagi.core.support.SupportRepository;
import dev.aikagi.jdbc.JdbcEvidenceRepository;
import dev.aikagi.jdbc.JdbcSupportRepository;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Support requests and the support console (product journey 8): the service, its repositories, the
 * console's gate, and the housekeeping that deletes files after the retention period.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SupportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SupportConfiguration.class);

    /** Paths under /support anyone may use: the request form and the approval's link. */
    static final String[] PUBLIC = {"/support/request", "/support/request/**", "/support/continue"};

    @Bean
    SupportRepository supportRepository(DataSource dataSource) {
        return new JdbcSupportRepository(dataSource);
    }

    @Bean
    EvidenceRepository evidenceRepository(DataSource dataSource) {
        return new JdbcEvidenceRepository(dataSource);
    }

    /** The operator's rules for support requests ({@code aikagi.support.*}), for the core's assembly. */
    @Bean
    SupportPolicy supportPolicy(SupportProperties support) {
        return support.policy();
    }

    /** Agents are accounts holding the support-agent role (grant-role command, or the list applied at start-up). */
    @Bean
    SupportAgents supportAgents(Roles roles) {
        return new SupportAgents(roles);
    }

    @Bean
    WebMvcConfigurer supportConsoleGate(SupportAgents agents) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(agents).addPathPatterns("/support", "/support/**").excludePathPatterns(PUBLIC);
            }
        };
    }

    @Bean
    EvidenceHousekeeping evidenceHousekeeping(SupportEvidence support) {
        return new EvidenceHousekeeping(support);
    }

    /** Deletes the files of decided requests after the retention period. One idempotent DELETE: safe on every node. */
    static final class EvidenceHousekeeping {

        private final SupportEvidence support;

        EvidenceHousekeeping(SupportEvidence support) {
            this.support = support;
        }

        @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
        void deleteOldEvidence() {
            int deleted = support.deleteOldEvidence();
            if (deleted > 0) {
                log.info("Deleted {} support files past their retention period", deleted);
            }
        }
    }
}
