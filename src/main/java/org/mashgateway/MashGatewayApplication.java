package org.mashgateway;

import org.mashgateway.audit.AuditVerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The MASH secure messaging gateway: police notifications in, protected agency and school mail out. */
@SpringBootApplication
public class MashGatewayApplication {

    public static void main(String[] args) {
        if (args.length > 0 && AuditVerifyCommand.COMMAND.equals(args[0])) {
            System.exit(AuditVerifyCommand.run(args));
        }
        SpringApplication.run(MashGatewayApplication.class, args);
    }
}
