package dev.aikagi.server.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: the JSON API only, with its bearer session tokens. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI aikagiOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Aikagi API").version("v1").description(
                        "Sign-up, login with two-step verification (authenticator app or backup codes) and the"
                                + " account's own security settings. Errors are RFC 9457 problem documents with a"
                                + " stable 'code' field, and a 'detail' in the language of Accept-Language (en or ja;"
                                + " en otherwise). 401 means only that the request has no valid session (or, at login,"
                                + " that the password or the second-step code was not right): inside a session a wrong"
                                + " code or password answers 422, so that an app may sign its user out on 401 alone."))
                .components(new Components().addSecuritySchemes("session",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The sessionToken returned by POST /api/v1/login or /verify.")))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }
}
