package dev.aikagi.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A relying party of Aikagi: logs in through Aikagi's OpenID Connect provider (authorization code flow
 * with PKCE) and shows who logged in and with which factors. A developer sample, see the README's
 * "Connect an application in five minutes".
 */
@SpringBootApplication
public class DemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
