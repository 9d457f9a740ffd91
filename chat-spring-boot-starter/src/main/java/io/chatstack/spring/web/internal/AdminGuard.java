package io.chatstack.spring.web.internal;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.chatstack.server.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.util.ClassUtils;

/**
 * Who may call the admin endpoints ({@code /api/admin/**}): callers holding the authority {@code
 * chatstack.admin.authority}. Where it comes from depends on the authentication mode, which has
 * already authenticated the request:
 *
 * <ul>
 *   <li>{@code principal}: a Spring Security authority of the request's principal (when Spring
 *       Security is present), or a servlet role of that name ({@link
 *       HttpServletRequest#isUserInRole}, e.g. a container realm);
 *   <li>{@code jwt}: an entry of the bearer token's {@code roles} claim or of its {@code scope} (or
 *       {@code scp}) claim, each a JSON array or a space-separated string;
 *   <li>{@code dev}: nobody is authenticated, so everybody or nobody: refused unless {@code
 *       chatstack.admin.allow-in-dev-mode=true}.
 * </ul>
 *
 * Refusals are {@link ForbiddenException} (403 {@code forbidden}). Thread-safe (immutable).
 */
public final class AdminGuard {
  private static final boolean SPRING_SECURITY =
      ClassUtils.isPresent(
          "org.springframework.security.core.Authentication", AdminGuard.class.getClassLoader());
  private static final String BEARER = "Bearer ";

  private final String mode;
  private final String authority;
  private final boolean allowInDevMode;

  public AdminGuard(String mode, String authority, boolean allowInDevMode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    if (authority == null || authority.isBlank()) {
      throw new IllegalArgumentException(
          "chatstack.admin.authority must name an authority, e.g. CHATSTACK_ADMIN");
    }
    this.authority = authority;
    this.allowInDevMode = allowInDevMode;
  }

  /** Returns when the request may use the admin endpoints; throws 403 otherwise. */
  void require(HttpServletRequest request) {
    if ("dev".equals(mode)) {
      if (!allowInDevMode) {
        throw new ForbiddenException(
            "Admin endpoints are off in dev mode, which authenticates nobody; use principal or jwt"
                + " authentication, or set chatstack.admin.allow-in-dev-mode=true for development");
      }
      return;
    }
    if (!granted(request)) {
      throw new ForbiddenException("This endpoint needs the authority " + authority);
    }
  }

  private boolean granted(HttpServletRequest request) {
    return switch (mode) {
      case "principal" ->
          request.isUserInRole(authority)
              || SPRING_SECURITY
                  && SpringSecurityAuthorities.has(request.getUserPrincipal(), authority);
      case "jwt" -> tokenGrants(request.getHeader("Authorization"));
      default -> false;
    };
  }

  /** The token was verified by the filter of this same request; here only its claims are read. */
  private boolean tokenGrants(String header) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    DecodedJWT token;
    try {
      token = JWT.decode(header.substring(BEARER.length()).trim());
    } catch (JWTDecodeException e) {
      return false;
    }
    return values(token.getClaim("roles")).contains(authority)
        || values(token.getClaim("scope")).contains(authority)
        || values(token.getClaim("scp")).contains(authority);
  }

  private static List<String> values(Claim claim) {
    if (claim.isMissing() || claim.isNull()) {
      return List.of();
    }
    String text = claim.asString();
    if (text != null) {
      return Arrays.asList(text.trim().split("\\s+"));
    }
    try {
      List<String> list = claim.asList(String.class);
      return list == null ? List.of() : list;
    } catch (JWTDecodeException e) {
      return List.of();
    }
  }
}
