package dev.passoff.core.model;

import dev.passoff.core.error.Violations;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request to create a handoff, validated on construction. Blank optional fields count as absent.
 *
 * @param title one line, 1 to 120 code points
 * @param content markdown body, 1 to 1,048,576 code points, no U+0000
 * @param tags at most 32 tags of 1 to 64 code points each, or {@code null} for none given
 * @param parentId the handoff this continues, or {@code null}
 * @param project project to file under, or {@code null} for the current one; never {@code *}
 * @param fromModel the creating agent's model id (self-declared), or {@code null}
 */
public record CreateHandoffRequest(
    String title,
    String content,
    @Nullable List<String> tags,
    @Nullable String parentId,
    @Nullable String project,
    @Nullable String fromModel) {

  public static final int MAX_TITLE = 120;
  public static final int MAX_CONTENT = 1_048_576;
  public static final int MAX_TAGS = 32;
  public static final int MAX_TAG = 64;
  public static final int MAX_ID = 64;
  public static final int MAX_PROJECT = 200;
  public static final int MAX_MODEL = 200;

  public CreateHandoffRequest {
    Violations v = new Violations();
    title = v.required("title", title, MAX_TITLE, true);
    content = v.required("content", content, MAX_CONTENT, false);
    if (content.indexOf('\u0000') >= 0) {
      v.add("content", "must not contain U+0000");
    }
    if (tags != null) {
      if (tags.size() > MAX_TAGS) {
        v.add("tags", "must have at most " + MAX_TAGS + " items");
      }
      List<String> checked = new ArrayList<>(tags.size());
      for (int i = 0; i < tags.size(); i++) {
        checked.add(v.required("tags[" + i + "]", tags.get(i), MAX_TAG, true));
      }
      tags = List.copyOf(checked);
    }
    parentId = v.optional("parent_id", parentId, MAX_ID);
    project = v.optional("project", project, MAX_PROJECT);
    if (ProjectScope.WILDCARD.equals(project)) {
      v.add("project", "'*' selects all projects and cannot name the project of a new handoff");
    }
    fromModel = v.optional("from_model", fromModel, MAX_MODEL);
    v.throwIfAny();
  }
}
