package io.chatstack.spring.web.internal;

import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.Names;
import io.chatstack.server.AuthenticationException;
import io.chatstack.server.AuthenticationRequest;
import io.chatstack.server.Authenticator;
import io.chatstack.server.ChatPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate of {@code /api/**}: resolves the caller into the request attribute {@link
 * RestCaller#ATTRIBUTE} with the same {@link Authenticator} as STOMP CONNECT (401 when it refuses),
 * limits mutating calls per caller (429), reads bodies up to the size limit (413), and answers
 * every error, including Spring MVC's own 404/405/415 and anything unexpected, with problem JSON
 * that carries no exception text. Registered after the host's security filters, whose principal it
 * reads in principal mode. Thread-safe.
 */
public final class ChatApiFilter extends OncePerRequestFilter {
  /** Dev mode: the header naming the calling user. */
  public static final String DEV_USER_HEADER = "X-Chat-User";

  private static final Logger log = LoggerFactory.getLogger(ChatApiFilter.class);
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final Authenticator authenticator;
  private final String mode;
  private final RestRateLimiter rateLimiter;
  private final long maxBodyBytes;
  private final int maxUsernameLength;

  public ChatApiFilter(
      Authenticator authenticator,
      String mode,
      RestRateLimiter rateLimiter,
      long maxBodyBytes,
      int maxUsernameLength) {
    this.authenticator = authenticator;
    this.mode = mode;
    this.rateLimiter = rateLimiter;
    this.maxBodyBytes = maxBodyBytes;
    this.maxUsernameLength = maxUsernameLength;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse servletResponse, FilterChain chain)
      throws ServletException, IOException {
    ProblemErrorResponse response = new ProblemErrorResponse(servletResponse);
    try {
      if ("OPTIONS".equals(request.getMethod())) {
        chain.doFilter(request, response); // CORS preflights carry no credentials
        return;
      }
      RestCaller caller = resolve(request, response);
      if (caller == null) {
        return;
      }
      if (MUTATING.contains(request.getMethod()) && !withinRate(caller, request, response)) {
        return;
      }
      HttpServletRequest bounded = bounded(request, response);
      if (bounded == null) {
        return;
      }
      bounded.setAttribute(RestCaller.ATTRIBUTE, caller);
      chain.doFilter(bounded, response);
    } catch (IOException | ServletException | RuntimeException e) {
      log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
      if (!response.isCommitted()) {
        Problems.write(response, 500, Problems.INTERNAL_DETAIL, "internal-error");
      }
    }
  }

  private RestCaller resolve(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("dev".equals(mode)) {
      String named = request.getHeader(DEV_USER_HEADER);
      if (named == null) {
        return RestCaller.anonymousDev(maxUsernameLength);
      }
      try {
        return RestCaller.authenticated(
            new ChatPrincipal(Names.requireUsername(named, maxUsernameLength)));
      } catch (InvalidUsernameException e) {
        Problems.write(response, 400, e.getMessage(), e.code());
        return null;
      }
    }
    String refusal;
    try {
      return RestCaller.authenticated(authenticator.authenticate(authenticationRequest(request)));
    } catch (AuthenticationException e) {
      refusal = e.getMessage();
    } catch (RuntimeException e) {
      // An authenticator that breaks on odd input has not authenticated anyone: 401, not 500.
      log.warn("Authenticator failed on {} {}", request.getMethod(), request.getRequestURI(), e);
      refusal = "Credentials could not be checked";
    }
    if ("jwt".equals(mode)) {
      response.setHeader(
          "WWW-Authenticate",
          request.getHeader("Authorization") == null ? "Bearer" : "Bearer error=\"invalid_token\"");
    }
    Problems.write(response, 401, refusal, "unauthenticated");
    return null;
  }

  /** What STOMP's CONNECT would carry, from an HTTP request: its headers and its principal. */
  private static AuthenticationRequest authenticationRequest(HttpServletRequest request) {
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
    }
    // No query parameters: tokens in REST URLs would end up in access logs.
    return new AuthenticationRequest(
        Map.of(),
        headers,
        Map.of(),
        Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName));
  }

  private boolean withinRate(
      RestCaller caller, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // Dev mode trusts any name a request gives, so a name would be a free new bucket: count per
    // client address there. Elsewhere the authenticated user is the key.
    String key =
        "dev".equals(mode)
            ? "address " + request.getRemoteAddr()
            : caller
                .known()
                .map(u -> "user " + u.name())
                .orElse("address " + request.getRemoteAddr());
    long waitSeconds = rateLimiter.tryAcquire(key);
    if (waitSeconds == 0) {
      return true;
    }
    response.setHeader("Retry-After", String.valueOf(waitSeconds));
    Problems.write(
        response,
        429,
        "Too many changes in a short time; retry in " + waitSeconds + " s",
        "rate-limited");
    return false;
  }

  private HttpServletRequest bounded(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long declared = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      return request;
    }
    CachedBodyRequest read =
        declared > maxBodyBytes ? null : CachedBodyRequest.read(request, maxBodyBytes);
    if (read == null) {
      response.setHeader("Connection", "close"); // the rest of the body is not read
      Problems.write(
          response, 413, "Request body exceeds " + maxBodyBytes + " bytes", "payload-too-large");
      return null;
    }
    return read;
  }
}
