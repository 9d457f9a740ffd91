package io.chatstack.server.internal;

import com.auth0.jwk.Jwk;
import com.auth0.jwk.JwkException;
import com.auth0.jwk.JwkProvider;
import com.auth0.jwk.JwkProviderBuilder;
import com.auth0.jwk.NetworkException;
import com.auth0.jwk.RateLimitReachedException;
import com.auth0.jwk.SigningKeyNotFoundException;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import java.net.URL;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Verification keys from a JSON Web Key Set URL (auth0 jwks-rsa), for java-jwt's RS256 and ES256
 * algorithms: a key is looked up by the token's {@code kid}, cached for {@link #CACHE_TTL}, and the
 * set is fetched again only for a {@code kid} not in the cache, at most {@link #FETCHES_PER_MINUTE}
 * times a minute so that tokens with random {@code kid}s cannot flood the endpoint. Thread-safe; a
 * lookup that fetches blocks its caller for at most the HTTP timeouts.
 */
public final class JwksKeys {
  /** Most keys kept. */
  static final int CACHED_KEYS = 32;

  /**
   * How long a key is trusted without fetching the set again (bounds how long a removed key works).
   */
  static final Duration CACHE_TTL = Duration.ofMinutes(15);

  /** Most fetches of the set per minute. */
  static final int FETCHES_PER_MINUTE = 10;

  /** Connect and read timeout of one fetch. */
  static final int HTTP_TIMEOUT_MILLIS = 5_000;

  private final URL url;
  private final JwkProvider provider;

  public JwksKeys(URL url) {
    this.url = url;
    this.provider =
        new JwkProviderBuilder(url)
            .cached(CACHED_KEYS, CACHE_TTL)
            .rateLimited(FETCHES_PER_MINUTE, 1, TimeUnit.MINUTES)
            .timeouts(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS)
            .build();
  }

  /** RSA keys for RS256. */
  public RSAKeyProvider rsa() {
    return new RSAKeyProvider() {
      @Override
      public RSAPublicKey getPublicKeyById(String keyId) {
        return key(keyId, RSAPublicKey.class, "RS256");
      }

      @Override
      public RSAPrivateKey getPrivateKey() {
        return null;
      }

      @Override
      public String getPrivateKeyId() {
        return null;
      }
    };
  }

  /** EC keys for ES256. */
  public ECDSAKeyProvider ec() {
    return new ECDSAKeyProvider() {
      @Override
      public ECPublicKey getPublicKeyById(String keyId) {
        return key(keyId, ECPublicKey.class, "ES256");
      }

      @Override
      public ECPrivateKey getPrivateKey() {
        return null;
      }

      @Override
      public String getPrivateKeyId() {
        return null;
      }
    };
  }

  // java-jwt turns an IllegalStateException from a key provider into a signature failure with this
  // exception as its cause; JwtAuthenticator reports its message.
  private <K extends PublicKey> K key(String kid, Class<K> type, String alg) {
    if (kid == null || kid.isEmpty()) {
      throw new KeyLookupException(
          "the token has no 'kid' header naming one of the keys of " + url);
    }
    Jwk jwk;
    PublicKey key;
    try {
      jwk = provider.get(kid);
      key = jwk.getPublicKey();
    } catch (RateLimitReachedException e) {
      throw new KeyLookupException(
          "key '"
              + printable(kid)
              + "' is unknown and the key set was fetched too often; try later");
    } catch (NetworkException e) {
      throw new KeyLookupException("the key set at " + url + " could not be fetched");
    } catch (SigningKeyNotFoundException e) {
      throw new KeyLookupException("no key '" + printable(kid) + "' in the key set at " + url);
    } catch (JwkException | RuntimeException e) {
      throw new KeyLookupException("key '" + printable(kid) + "' of " + url + " is not usable");
    }
    if (jwk.getUsage() != null && !jwk.getUsage().equals("sig")) {
      throw new KeyLookupException("key '" + printable(kid) + "' is not a signing key");
    }
    if (!type.isInstance(key) || (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(alg))) {
      throw new KeyLookupException("key '" + printable(kid) + "' is not a key for " + alg);
    }
    return type.cast(key);
  }

  // Token fields are attacker input: shown only when short and plain.
  private static String printable(String s) {
    return s.matches("[A-Za-z0-9._~+/=-]{1,64}") ? s : "(not shown)";
  }
}
