package org.mashgateway.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The console's username and password check (login form and HTTP basic), behind the
 * {@link LoginThrottle}: a locked username or address is refused before the password is looked at,
 * with the same answer as a wrong password ("Login failed", or 401 for basic), so a guesser learns
 * nothing from it; every wrong password is counted.
 */
class ThrottledLogins implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledLogins(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String username = login.getName();
        String address = login.getDetails() instanceof WebAuthenticationDetails request ? request.getRemoteAddress() : "";
        if (throttle.isLocked(username, address)) {
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication authenticated = passwords.authenticate(login);
            throttle.succeeded(username);
            return authenticated;
        } catch (BadCredentialsException wrongPassword) {
            throttle.failed(username, address);
            throw wrongPassword;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
