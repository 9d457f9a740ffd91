package io.chatstack.spring.web.internal;

import io.chatstack.json.ChatJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Writes RFC 9457 problem JSON ({@code {"status","title","detail","code"}}) straight to a servlet
 * response, for answers given before or outside the controllers (authentication, limits, errors of
 * Spring MVC itself). Stateless.
 */
final class Problems {
  static final String INTERNAL_DETAIL = "The server could not answer this request; try again later";

  private Problems() {}

  static void write(HttpServletResponse response, int status, String detail, String code)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("title", title(status));
    body.put("detail", detail);
    body.put("code", code);
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(ChatJson.mapper().writeValueAsBytes(body));
    response.flushBuffer();
  }

  static String title(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Error" : known.getReasonPhrase();
  }

  /** The code of an error Spring MVC answered by status alone (no chatstack exception). */
  static String code(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      case 429 -> "rate-limited";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal-error" : "error";
    };
  }

  /** A detail that says what the status means, never what failed inside. */
  static String detail(int status) {
    return switch (status) {
      case 404 -> "No such resource under /api";
      case 405 -> "This method is not allowed here; see the Allow header";
      case 406 -> "The API answers application/json only";
      case 415 -> "Send the body as application/json";
      default -> status >= 500 ? INTERNAL_DETAIL : title(status);
    };
  }
}
