package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  private static final AuthResult BAD_CREDENTIALS =
      AuthResult.refused(AuthResult.Refusal.BAD_USER_NAME_OR_PASSWORD);

  private final Authenticator tokens = Authenticator.tokens(Map.of("gw-1", "s3cret-token"));

  @Test
  void tokenAuthenticatorAcceptsTheUserNameAsAgentWhenTheTokenMatches() {
    assertThat(tokens.authenticate("any-client-id", "gw-1", bytes("s3cret-token")))
        .isEqualTo(AuthResult.accepted("gw-1"));
  }

  @Test
  void tokenAuthenticatorRefusesWrongMissingOrUnknownCredentials() {
    assertThat(tokens.authenticate("c", "gw-1", bytes("s3cret-tokeN"))).isEqualTo(BAD_CREDENTIALS);
    assertThat(tokens.authenticate("c", "gw-1", bytes("s3cret"))).isEqualTo(BAD_CREDENTIALS);
    assertThat(tokens.authenticate("c", "gw-2", bytes("s3cret-token"))).isEqualTo(BAD_CREDENTIALS);
    assertThat(tokens.authenticate("c", "gw-1", null)).isEqualTo(BAD_CREDENTIALS);
    assertThat(tokens.authenticate("c", null, bytes("s3cret-token"))).isEqualTo(BAD_CREDENTIALS);
  }

  @Test
  void tokenAuthenticatorNeverShowsItsTokens() {
    assertThat(tokens.toString()).doesNotContain("s3cret");
  }

  @Test
  void tokenAuthenticatorRejectsAgentIdsThatAreNotOneTopicLevel() {
    assertThatThrownBy(() -> Authenticator.tokens(Map.of("gw/1", "t"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allowAllAcceptsTheClientIdAsAgentAndRejectsUnusableIds() {
    assertThat(Authenticator.allowAll().authenticate("gw-9", null, null)).isEqualTo(AuthResult.accepted("gw-9"));
    assertThat(Authenticator.allowAll().authenticate("", null, null))
        .isEqualTo(AuthResult.refused(AuthResult.Refusal.CLIENT_ID_REJECTED));
    assertThat(Authenticator.allowAll().authenticate("a/#", null, null))
        .isEqualTo(AuthResult.refused(AuthResult.Refusal.CLIENT_ID_REJECTED));
  }

  @Test
  void allowAllRefusesTheIdTheCloudKeepsItsOwnHostUnder() {
    assertThat(Authenticator.allowAll().authenticate("cloud", null, null))
        .isEqualTo(AuthResult.refused(AuthResult.Refusal.CLIENT_ID_REJECTED));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
