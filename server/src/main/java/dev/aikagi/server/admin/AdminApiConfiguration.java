package dev.aikagi.server.admin;

import dev.aikagi.core.admin.TwoStepResets;
import dev.aikagi.core.audit.Auditor;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The admin API's own beans (issue 18): its token gate, its entry in the OpenAPI document, and due resets. */
@Configuration(proxyBeanMethods = false)
class AdminApiConfiguration {

    @Bean
    WebMvcConfigurer adminApiGate(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
                                  Auditor audit) {
        AdminTokens gate = new AdminTokens(authorizations, clients, audit);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(gate).addPathPatterns(AdminApiController.BASE, AdminApiController.BASE + "/**");
            }
        };
    }

    @Bean
    OpenApiCustomizer adminSecurityScheme() {
        return openApi -> openApi.getComponents().addSecuritySchemes("admin", new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from POST /oauth2/token with grant_type=client_credentials, for a client"
                        + " registered with the scope aikagi.admin (aikagi.oidc.clients.<id>.scopes)."));
    }

    @Bean
    DueTwoStepResets dueTwoStepResets(TwoStepResets resets) {
        return new DueTwoStepResets(resets);
    }

    /** Applies the two-step resets whose waiting period is over, on whichever node gets there first. */
    static final class DueTwoStepResets {
        private static final Logger log = LoggerFactory.getLogger(DueTwoStepResets.class);
        private final TwoStepResets resets;

        DueTwoStepResets(TwoStepResets resets) {
            this.resets = Objects.requireNonNull(resets, "resets");
        }

        @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT1M")
        void apply() {
            int applied = resets.applyDue();
            if (applied > 0) {
                log.info("Two-step resets applied after their waiting period: {}", applied);
            }
        }
    }
}
