package dev.passoff.cli;

import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds stored handoffs field by field for CLI tests. */
final class Handoffs {
  private String id = "ph_aaaaaaaa";
  private String project = TestCliServices.PROJECT;
  private String title = "A title";
  private String content = "## Current State\nsomething";
  private List<String> tags = List.of();
  private String fromClient = "claude-code";
  private @Nullable String fromVersion;
  private @Nullable String fromModel;
  private @Nullable String toClient;
  private @Nullable String toVersion;
  private @Nullable String toModel;
  private @Nullable String parent;
  private Instant created = Instant.parse("2025-11-21T22:24:50.123Z");
  private @Nullable Instant loaded;
  private String status = "open";

  static Handoffs handoff(String id) {
    Handoffs b = new Handoffs();
    b.id = id;
    return b;
  }

  Handoffs project(String value) {
    project = value;
    return this;
  }

  Handoffs title(String value) {
    title = value;
    return this;
  }

  Handoffs content(String value) {
    content = value;
    return this;
  }

  Handoffs tags(String... values) {
    tags = List.of(values);
    return this;
  }

  Handoffs from(String client, @Nullable String version, @Nullable String model) {
    fromClient = client;
    fromVersion = version;
    fromModel = model;
    return this;
  }

  Handoffs to(String client, @Nullable String version, @Nullable String model, String at) {
    toClient = client;
    toVersion = version;
    toModel = model;
    loaded = Instant.parse(at);
    return this;
  }

  Handoffs parent(String value) {
    parent = value;
    return this;
  }

  Handoffs created(String at) {
    created = Instant.parse(at);
    return this;
  }

  Handoffs status(String value) {
    status = value;
    return this;
  }

  Handoff build() {
    return new Handoff(
        HandoffId.of(id),
        project,
        title,
        content,
        tags,
        fromClient,
        fromVersion,
        fromModel,
        toClient,
        toVersion,
        toModel,
        parent == null ? null : HandoffId.of(parent),
        created,
        loaded,
        new HandoffStatus(status));
  }
}
