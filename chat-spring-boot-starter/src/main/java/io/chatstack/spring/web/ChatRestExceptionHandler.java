package io.chatstack.spring.web;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.RoomNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns errors of the chatstack REST controllers into RFC 9457 problem JSON with a stable {@code
 * code} property, e.g. {@code {"status":404,"title":"Not Found","detail":"Room 9 does not
 * exist...","code":"room-not-found"}}.
 */
@RestControllerAdvice(assignableTypes = {RoomController.class, MessageController.class})
public class ChatRestExceptionHandler {

  @ExceptionHandler(ChatException.class)
  public ProblemDetail chatException(ChatException e) {
    return problem(status(e), e.getMessage(), e.code());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(
        HttpStatus.BAD_REQUEST, "Request body is not valid JSON for this endpoint", "invalid-json");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Parameter '" + e.getName() + "' must be a number, was '" + e.getValue() + "'",
        "invalid-parameter");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  public ProblemDetail missing(MissingServletRequestParameterException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid-parameter");
  }

  private static HttpStatus status(ChatException e) {
    if (e instanceof InvalidInputException) {
      return HttpStatus.BAD_REQUEST;
    }
    if (e instanceof RoomNotFoundException) {
      return HttpStatus.NOT_FOUND;
    }
    if (e instanceof NotParticipantException || e instanceof IdentityMismatchException) {
      return HttpStatus.FORBIDDEN;
    }
    if (e instanceof ChatUnavailableException) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  private static ProblemDetail problem(HttpStatus status, String detail, String code) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    return problem;
  }
}
