package io.chatstack.spring.web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Arrays;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Stands in for Spring Security in principal-mode tests: the request's principal is the user named
 * in the header {@code X-Test-User}; with {@code X-Test-Authorities} (comma-separated) it is a
 * Spring Security authentication holding those authorities, as Spring Security's request wrapper
 * returns it. Ordered before chatstack's /api filter, as Spring Security's filter chain is.
 */
public final class TestPrincipalFilter {
  private TestPrincipalFilter() {}

  /** The filter, registered before chatstack's /api filter. */
  public static FilterRegistrationBean<Filter> registration() {
    Filter filter =
        (request, response, chain) -> {
          HttpServletRequest http = (HttpServletRequest) request;
          String user = http.getHeader("X-Test-User");
          String authorities = http.getHeader("X-Test-Authorities");
          Principal principal =
              user == null
                  ? null
                  : authorities == null
                      ? () -> user
                      : UsernamePasswordAuthenticationToken.authenticated(
                          user,
                          null,
                          Arrays.stream(authorities.split(","))
                              .map(SimpleGrantedAuthority::new)
                              .toList());
          chain.doFilter(
              principal == null
                  ? request
                  : new HttpServletRequestWrapper(http) {
                    @Override
                    public Principal getUserPrincipal() {
                      return principal;
                    }
                  },
              response);
        };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(0);
    return registration;
  }
}
