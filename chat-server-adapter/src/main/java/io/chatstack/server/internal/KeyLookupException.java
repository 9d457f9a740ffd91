package io.chatstack.server.internal;

/**
 * A JSON Web Key Set has no usable key for a token; the message says why. Thrown by {@link
 * JwksKeys} from inside java-jwt's signature check, which turns it into the cause of its {@code
 * SignatureVerificationException}. Kept apart from {@link JwksKeys} so that handling it does not
 * load the optional jwks-rsa library.
 */
public final class KeyLookupException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  KeyLookupException(String message) {
    super(message);
  }
}
