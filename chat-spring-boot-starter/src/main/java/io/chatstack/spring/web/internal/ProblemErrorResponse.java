package io.chatstack.spring.web.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Answers {@code sendError} (how Spring MVC reports 404, 405, 415 and the like) with problem JSON
 * instead of the container's error page, whose body may carry exception text. Not thread-safe; one
 * per request.
 */
final class ProblemErrorResponse extends HttpServletResponseWrapper {
  ProblemErrorResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public void sendError(int status) throws IOException {
    sendError(status, null);
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    if (isCommitted()) {
      super.sendError(status, message);
      return;
    }
    Problems.write(this, status, Problems.detail(status), Problems.code(status));
  }
}
