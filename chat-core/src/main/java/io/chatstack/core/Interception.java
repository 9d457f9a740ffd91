package io.chatstack.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The decision of a {@link MessageInterceptor}: {@link #accept()}, {@link #reject(String, String)}
 * or {@link #rewrite(String, Map)}. Immutable.
 */
public final class Interception {
  /** Error codes: lowercase letters and digits, words joined by single hyphens. */
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** Most characters of a rejection code. */
  public static final int MAX_CODE_LENGTH = 64;

  private static final Interception ACCEPT =
      new Interception(Outcome.ACCEPT, null, null, null, null);

  /** The kind of decision. */
  public enum Outcome {
    /** Send the draft as it is. */
    ACCEPT,
    /** Send nothing; the sender gets the code and reason. */
    REJECT,
    /** Send the draft with new content and/or metadata. */
    REWRITE
  }

  private final Outcome outcome;
  private final String code;
  private final String reason;
  private final String content;
  private final Map<String, Object> metadata;

  private Interception(
      Outcome outcome, String code, String reason, String content, Map<String, Object> metadata) {
    this.outcome = outcome;
    this.code = code;
    this.reason = reason;
    this.content = content;
    this.metadata = metadata;
  }

  /** Send the draft unchanged (to the next interceptor, then to the log). */
  public static Interception accept() {
    return ACCEPT;
  }

  /**
   * Send nothing: the sender's send fails with {@link MessageRejectedException} carrying {@code
   * code} and {@code reason}.
   *
   * @param code a stable machine-readable code like {@code profanity} or {@code link-not-allowed}:
   *     lowercase letters and digits, words joined by single hyphens, starting with a letter, at
   *     most {@value #MAX_CODE_LENGTH} characters
   * @param reason a human-readable explanation for the sender (not blank)
   * @throws IllegalArgumentException if the code or reason does not follow these rules
   */
  public static Interception reject(String code, String reason) {
    if (code == null || code.length() > MAX_CODE_LENGTH || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "Rejection code '"
              + code
              + "' is not valid: use lowercase letters and digits, words joined by single hyphens,"
              + " starting with a letter, at most "
              + MAX_CODE_LENGTH
              + " characters (e.g. 'profanity', 'link-not-allowed')");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "Rejection reason must not be blank: say why the message was refused");
    }
    return new Interception(Outcome.REJECT, code, reason, null, null);
  }

  /**
   * Send the draft with new content and/or metadata. The rewrite is validated like user input
   * (content not blank and within {@link ChatLimits}, metadata a JSON object of at most {@link
   * ChatMessage#MAX_METADATA_BYTES}); an invalid rewrite counts as a failure of the interceptor.
   * Edits carry no metadata: for an edit, {@code metadata} is ignored.
   *
   * @param content the new content, or null to keep it
   * @param metadata the new metadata (replacing it whole), or null to keep it
   */
  public static Interception rewrite(String content, Map<String, ?> metadata) {
    if (content == null && metadata == null) {
      return ACCEPT;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = metadata == null ? null : (Map<String, Object>) metadata;
    return new Interception(Outcome.REWRITE, null, null, content, copy);
  }

  /** Send the draft with new content, same metadata. */
  public static Interception rewriteContent(String content) {
    return rewrite(Objects.requireNonNull(content, "content"), null);
  }

  /** The kind of decision. */
  public Outcome outcome() {
    return outcome;
  }

  /** For {@link Outcome#REJECT}, the code; otherwise empty. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** For {@link Outcome#REJECT}, the reason; otherwise empty. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** For {@link Outcome#REWRITE}, the new content if it changes; otherwise empty. */
  public Optional<String> content() {
    return Optional.ofNullable(content);
  }

  /** For {@link Outcome#REWRITE}, the new metadata if it changes; otherwise empty. */
  public Optional<Map<String, Object>> metadata() {
    return Optional.ofNullable(metadata);
  }

  @Override
  public String toString() {
    return switch (outcome) {
      case ACCEPT -> "accept";
      case REJECT -> "reject(" + code + ": " + reason + ")";
      case REWRITE -> "rewrite";
    };
  }
}
