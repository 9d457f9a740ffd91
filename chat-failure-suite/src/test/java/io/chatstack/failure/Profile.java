package io.chatstack.failure;

/**
 * Sizes of the scenarios: {@code quick} (default, CI) or {@code soak} (manual, {@code
 * -Pfailure-soak} or {@code -Dchatstack.failure.profile=soak}). Stateless.
 */
final class Profile {
  static final String NAME = System.getProperty("chatstack.failure.profile", "quick");
  static final boolean SOAK = NAME.equals("soak");

  private Profile() {}

  /** {@code quick} in the quick profile, {@code soak} in the soak profile. */
  static int pick(int quick, int soak) {
    return SOAK ? soak : quick;
  }
}
