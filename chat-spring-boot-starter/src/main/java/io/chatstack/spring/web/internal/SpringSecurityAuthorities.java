package io.chatstack.spring.web.internal;

import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Reads Spring Security authorities; loaded only when Spring Security is on the class path (an
 * optional dependency of the starter). Stateless.
 */
final class SpringSecurityAuthorities {
  private SpringSecurityAuthorities() {}

  /** Whether {@code principal} is an authenticated Spring Security user with the authority. */
  static boolean has(Principal principal, String authority) {
    if (!(principal instanceof Authentication authentication)
        || !authentication.isAuthenticated()) {
      return false;
    }
    for (GrantedAuthority granted : authentication.getAuthorities()) {
      if (authority.equals(granted.getAuthority())) {
        return true;
      }
    }
    return false;
  }
}
