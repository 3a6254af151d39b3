package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Role;
import io.eoc.ingest.users.UsersRequired;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsersApiTest {
  private static final String SECRET = "correct horse battery";
  private ApiFixture api;

  @BeforeEach
  void start() throws Exception {
    api = new ApiFixture(AccessPolicy.defaults());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aLoginGivesABearerSessionMarksTheUserActiveAndIsAuditedWithoutThePassword() throws Exception {
    api.addUser("alice", Role.OPERATOR, SECRET);
    ApiFixture.Response r = api.send("POST", "/api/login", Map.of("user", "alice", "password", SECRET), null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("role").asText()).isEqualTo("operator");
    assertThat(r.body().get("expiresAt").asText()).isEqualTo(ApiFixture.T0.plus(Duration.ofHours(12)).toString());
    String token = r.body().get("token").asText();
    assertThat(api.get("/api/devices", token).status()).isEqualTo(200);
    assertThat(api.count("SELECT count(*) FROM user_sessions WHERE token_hash = sha256(convert_to(?, 'UTF8'))", token)).isOne();
    assertThat(api.count("SELECT count(*) FROM user_activity WHERE user_id = 'alice' AND hour = '2026-03-02T10:00:00Z' AND NOT backfill"))
        .isOne();
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("user:alice login 127.0.0.1 ok role operator"))
        .noneSatisfy(a -> assertThat(a).contains(SECRET).contains(token));
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSame401AndAreBothAudited() throws Exception {
    api.addUser("alice", Role.OPERATOR, SECRET);
    ApiFixture.Response wrong = api.send("POST", "/api/login", Map.of("user", "alice", "password", "not the password"), null);
    ApiFixture.Response unknown = api.send("POST", "/api/login", Map.of("user", "mallory", "password", SECRET), null);

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.body().get("error")).isEqualTo(unknown.body().get("error"));
    assertThat(api.audit()).contains("user:alice login 127.0.0.1 refused wrong password", "user:mallory login 127.0.0.1 refused unknown user")
        .noneSatisfy(a -> assertThat(a).contains(SECRET).contains("not the password"));
    assertThat(api.count("SELECT count(*) FROM user_sessions")).isZero();
  }

  @Test
  void dataEndpointsAreOpenUntilTheFirstUserExistsThenNeedASession() throws Exception {
    assertThat(api.get("/api/devices", null).status()).isEqualTo(200);
    api.addUser("admin", Role.ADMIN, SECRET);

    ApiFixture.Response r = api.get("/api/devices", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body().get("error").asText()).contains("GET /api/devices needs a session").contains("POST /api/login")
        .contains("Authorization: Bearer");
  }

  @Test
  void usersRequiredAlwaysClosesTheDataEndpointsBeforeAnyUserExists() throws Exception {
    try (ApiFixture strict = new ApiFixture(AccessPolicy.defaults().withUsersRequired(UsersRequired.ALWAYS))) {
      assertThat(strict.get("/api/ledger", null).status()).isEqualTo(401);
      assertThat(strict.send("POST", "/api/admin/users", Map.of("id", "root", "role", "admin", "password", SECRET), null).status())
          .as("the first admin is added from the cloud's own machine").isEqualTo(201);
    }
  }

  @Test
  void unknownExpiredAndMalformedTokensAre401() throws Exception {
    api.addUser("alice", Role.ASSESSOR, SECRET);
    String token = api.login("alice", SECRET);

    assertThat(api.get("/api/ledger", "no-such-token").body().get("error").asText()).contains("unknown or expired");
    assertThat(api.send("GET", "/api/ledger", null, null).status()).isEqualTo(401);
    api.clock.advance(Duration.ofHours(12).plusSeconds(1));
    ApiFixture.Response expired = api.get("/api/ledger", token);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.body().get("error").asText()).contains("session token is unknown or expired");
  }

  @Test
  void anAssessorMayReadButNotChangeTheLedger() throws Exception {
    api.device("plant-a", "boiler-1", "high-energy");
    api.addUser("audrey", Role.ASSESSOR, SECRET);
    String token = api.login("audrey", SECRET);

    assertThat(api.get("/api/ledger", token).status()).isEqualTo(200);
    ApiFixture.Response put = api.send("PUT", "/api/ledger/plant-a/boiler-1", Map.of("model", "X"), token);
    assertThat(put.status()).isEqualTo(403);
    assertThat(put.body().get("error").asText()).isEqualTo(
        "role assessor is read-only: PUT /api/ledger/plant-a/boiler-1 needs role operator or admin");
    assertThat(api.count("SELECT count(*) FROM devices WHERE model IS NOT NULL")).isZero();
  }

  @Test
  void anOperatorCannotAdministerUsersOrDeclare() throws Exception {
    api.addUser("otto", Role.OPERATOR, SECRET);
    String token = api.login("otto", SECRET);

    ApiFixture.Response add = api.send("POST", "/api/admin/users", Map.of("id", "eve", "role", "admin", "password", SECRET), token);
    assertThat(add.status()).isEqualTo(403);
    assertThat(add.body().get("error").asText()).contains("needs role admin").contains("user:otto has role operator");
    assertThat(api.send("POST", "/api/admin/declarations", Map.of(), token).status()).isEqualTo(403);
  }

  @Test
  void anAdminAddsAndDisablesUsersAndADisabledUsersSessionsEnd() throws Exception {
    api.addUser("root", Role.ADMIN, SECRET);
    String admin = api.login("root", SECRET);
    assertThat(api.send("POST", "/api/admin/users", Map.of("id", "bob", "role", "operator", "password", "short"), admin).body()
        .get("error").asText()).contains("at least 10 characters");
    assertThat(api.send("POST", "/api/admin/users", Map.of("id", "bob", "role", "operator", "password", SECRET), admin).status())
        .isEqualTo(201);
    assertThat(api.send("POST", "/api/admin/users", Map.of("id", "bob", "role", "operator", "password", SECRET), admin).body()
        .get("error").asText()).isEqualTo("user 'bob' exists already");
    String bob = api.login("bob", SECRET);

    assertThat(api.send("POST", "/api/admin/users/bob/disable", null, admin).status()).isEqualTo(200);
    assertThat(api.get("/api/devices", bob).status()).isEqualTo(401);
    assertThat(api.send("POST", "/api/login", Map.of("user", "bob", "password", SECRET), null).status()).isEqualTo(401);
    assertThat(api.audit()).contains("user:root user-add user:bob ok role operator", "user:root user-disable user:bob ok sessions ended",
        "user:bob login 127.0.0.1 refused user disabled");
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    api.addUser("alice", Role.OPERATOR, SECRET);
    String token = api.login("alice", SECRET);

    assertThat(api.send("POST", "/api/logout", null, token).status()).isEqualTo(200);
    assertThat(api.get("/api/devices", token).status()).isEqualTo(401);
    assertThat(api.send("POST", "/api/logout", null, token).status()).isEqualTo(401);
  }

  @Test
  void withoutUsersWritesNeedTheCloudsOwnMachine() throws Exception {
    Router router = CloudApi.services(api.ds, api.clock, api.users, AccessPolicy.defaults());
    ApiResponse remote = router.dispatch(new ApiRequest("PUT", "/api/ledger/a/d", Map.of(), "{}".getBytes(), false));
    ApiResponse remoteRead = router.dispatch(new ApiRequest("GET", "/api/ledger", Map.of(), new byte[0], false));

    assertThat(remote.status()).isEqualTo(401);
    assertThat(new String(remote.body())).contains("eoc cloud user add");
    assertThat(remoteRead.status()).isEqualTo(200);
    assertThat(List.of(api.get("/api/admin/users", null).status())).containsExactly(200);
  }
}
