package io.chatstack.spring.web.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.chatstack.server.ForbiddenException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Who the admin guard admits in each authentication mode (pure logic over servlet requests). */
class AdminGuardTest {
  private static final String ADMIN = "CHATSTACK_ADMIN";

  private static void admitted(AdminGuard guard, MockHttpServletRequest request) {
    assertThatCode(() -> guard.require(request)).doesNotThrowAnyException();
  }

  private static void refused(AdminGuard guard, MockHttpServletRequest request) {
    assertThatThrownBy(() -> guard.require(request))
        .isInstanceOf(ForbiddenException.class)
        .extracting("code")
        .isEqualTo("forbidden");
  }

  private static MockHttpServletRequest bearer(UnaryOperator<JWTCreator.Builder> claims) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    String token =
        claims
            .apply(JWT.create().withSubject("alice"))
            .sign(Algorithm.HMAC256("a-secret-of-at-least-32-characters!!"));
    request.addHeader("Authorization", "Bearer " + token);
    return request;
  }

  @Test
  void devModeIsRefusedUnlessAllowed() {
    refused(new AdminGuard("dev", ADMIN, false), new MockHttpServletRequest());
    admitted(new AdminGuard("dev", ADMIN, true), new MockHttpServletRequest());
  }

  @Test
  void principalModeAdmitsAServletRoleOfThatName() {
    AdminGuard guard = new AdminGuard("principal", ADMIN, true);
    MockHttpServletRequest admin = new MockHttpServletRequest();
    admin.setUserPrincipal(() -> "root");
    admin.addUserRole(ADMIN);
    admitted(guard, admin);

    MockHttpServletRequest user = new MockHttpServletRequest();
    user.setUserPrincipal(() -> "alice");
    user.addUserRole("USER");
    refused(guard, user);
    refused(guard, new MockHttpServletRequest());
  }

  @Test
  void principalModeAdmitsASpringSecurityAuthorityOfThatName() {
    AdminGuard guard = new AdminGuard("principal", ADMIN, false);
    MockHttpServletRequest admin = new MockHttpServletRequest();
    admin.setUserPrincipal(
        UsernamePasswordAuthenticationToken.authenticated(
            "root", null, List.of(new SimpleGrantedAuthority(ADMIN))));
    admitted(guard, admin);

    MockHttpServletRequest roleOnly = new MockHttpServletRequest();
    roleOnly.setUserPrincipal(
        UsernamePasswordAuthenticationToken.authenticated(
            "alice", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    refused(guard, roleOnly);

    MockHttpServletRequest unauthenticated = new MockHttpServletRequest();
    unauthenticated.setUserPrincipal(
        UsernamePasswordAuthenticationToken.unauthenticated("root", "secret"));
    refused(guard, unauthenticated);
  }

  @Test
  void jwtModeAdmitsTheAuthorityInTheRolesOrScopeClaim() {
    AdminGuard guard = new AdminGuard("jwt", ADMIN, true);
    admitted(guard, bearer(t -> t.withClaim("roles", List.of("user", ADMIN))));
    admitted(guard, bearer(t -> t.withClaim("roles", ADMIN)));
    admitted(guard, bearer(t -> t.withClaim("scope", "openid " + ADMIN + " profile")));
    admitted(guard, bearer(t -> t.withClaim("scp", List.of(ADMIN))));

    refused(guard, bearer(t -> t));
    refused(guard, bearer(t -> t.withClaim("roles", List.of("user"))));
    refused(guard, bearer(t -> t.withClaim("scope", "CHATSTACK_ADMINS")));
    refused(guard, bearer(t -> t.withClaim("roles", 42)));
    refused(guard, bearer(t -> t.withClaim(ADMIN, true)));
    MockHttpServletRequest malformed = new MockHttpServletRequest();
    malformed.addHeader("Authorization", "Bearer not.a-jwt");
    refused(guard, malformed);
    refused(guard, new MockHttpServletRequest());
  }

  @Test
  void theAuthorityIsConfigurable() {
    AdminGuard guard = new AdminGuard("jwt", "chat:erase", false);
    admitted(guard, bearer(t -> t.withClaim("scope", "chat:erase")));
    refused(guard, bearer(t -> t.withClaim("scope", ADMIN)));
    assertThatThrownBy(() -> new AdminGuard("jwt", " ", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chatstack.admin.authority");
  }
}
