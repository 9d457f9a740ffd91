package io.chatstack.stomp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The STOMP versions chatstack speaks, and their negotiation. Thread-safe (stateless). */
public final class StompVersions {
  /** STOMP 1.2, what chatstack's clients ask for. */
  public static final String V1_2 = "1.2";

  /** STOMP 1.1, which a server accepts too. */
  public static final String V1_1 = "1.1";

  private StompVersions() {}

  /**
   * The version a server answers a CONNECT with: 1.2 if the client accepts it, else 1.1.
   *
   * @param acceptVersion the client's {@code accept-version} header (null when absent: STOMP 1.0)
   * @throws StompProtocolException ({@link ErrorCodes#UNSUPPORTED_VERSION}) when the client accepts
   *     neither
   */
  public static String negotiate(@Nullable String acceptVersion) {
    List<String> versions =
        acceptVersion == null ? List.of("1.0") : List.of(acceptVersion.split(","));
    if (versions.stream().anyMatch(v -> v.trim().equals(V1_2))) {
      return V1_2;
    }
    if (versions.stream().anyMatch(v -> v.trim().equals(V1_1))) {
      return V1_1;
    }
    throw new StompProtocolException(
        ErrorCodes.UNSUPPORTED_VERSION,
        "Supported STOMP versions are 1.2 and 1.1; send 'accept-version:1.2'");
  }
}
