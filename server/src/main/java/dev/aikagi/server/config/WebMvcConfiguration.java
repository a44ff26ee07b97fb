package dev.aikagi.server.config;

import dev.aikagi.server.web.PageLocales;
import dev.aikagi.server.web.WebCookies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The pages' language: {@code ?lang=en|ja}, remembered in a cookie, else {@code Accept-Language}. */
@Configuration(proxyBeanMethods = false)
class WebMvcConfiguration implements WebMvcConfigurer {

    /** The dispatcher looks the resolver up by this bean name. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver(WebCookies cookies) {
        return PageLocales.resolver((cookies.secure() ? "__Host-" : "") + "aikagi_lang", cookies.secure());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(PageLocales.changeInterceptor()).excludePathPatterns("/api/**");
    }
}
