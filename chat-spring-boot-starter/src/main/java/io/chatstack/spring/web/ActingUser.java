package io.chatstack.spring.web;

import java.security.Principal;

/**
 * Decides who acts in a REST request. With an authenticated principal (Spring Security, container
 * authentication) the principal acts and a differing user name in the request is refused; without
 * one (development mode) the user name from the request is trusted.
 */
final class ActingUser {
  private ActingUser() {}

  static String resolve(Principal principal, String claimed) {
    if (principal == null) {
      return claimed;
    }
    String authenticated = principal.getName();
    if (claimed != null && !claimed.isBlank() && !claimed.equals(authenticated)) {
      throw new IdentityMismatchException(authenticated, claimed);
    }
    return authenticated;
  }
}
