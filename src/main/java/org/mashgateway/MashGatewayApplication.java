package org.mashgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The MASH secure messaging gateway: police notifications in, protected agency and school mail out. */
@SpringBootApplication
public class MashGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(MashGatewayApplication.class, args);
    }
}
