package io.chatstack.spring.web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Stands in for Spring Security in principal-mode tests: the request's principal is the user named
 * in the header {@code X-Test-User}. Ordered before chatstack's /api filter, as Spring Security's
 * filter chain is.
 */
public final class TestPrincipalFilter {
  private TestPrincipalFilter() {}

  /** The filter, registered before chatstack's /api filter. */
  public static FilterRegistrationBean<Filter> registration() {
    Filter filter =
        (request, response, chain) -> {
          String user = ((HttpServletRequest) request).getHeader("X-Test-User");
          chain.doFilter(
              user == null
                  ? request
                  : new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Principal getUserPrincipal() {
                      return () -> user;
                    }
                  },
              response);
        };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(0);
    return registration;
  }
}
