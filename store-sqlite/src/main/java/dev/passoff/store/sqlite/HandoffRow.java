package dev.passoff.store.sqlite;

import dev.passoff.core.json.Json;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.LoadRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code handoffs} with its rowid, and the mapping between columns and domain values.
 * Queries select {@link #COLUMNS} first and the rowid as column 16.
 */
record HandoffRow(Handoff handoff, long rowid) {

  /** The 15 columns in table order, which is also the order of the JSON object. */
  static final String COLUMNS =
      "id, project, title, content, tags, from_client, from_client_ver, from_model, to_client,"
          + " to_client_ver, to_model, parent_id, created_at, loaded_at, status";

  /** The columns of a summary, read by {@link #summary}. */
  static final String SUMMARY_COLUMNS =
      "id, title, tags, from_client, from_model, to_client, created_at, status";

  /** The columns of a load record, read by {@link #load}. */
  static final String LOAD_COLUMNS = "handoff_id, client, client_ver, model, loaded_at";

  /** Reads {@link #COLUMNS} followed by the rowid. */
  static HandoffRow read(ResultSet rs) throws SQLException {
    return new HandoffRow(handoff(rs), rs.getLong(16));
  }

  /** Reads {@link #COLUMNS}. */
  static Handoff handoff(ResultSet rs) throws SQLException {
    String parent = rs.getString(12);
    return new Handoff(
        HandoffId.of(text(rs, 1)),
        text(rs, 2),
        text(rs, 3),
        text(rs, 4),
        tags(rs.getString(5)),
        text(rs, 6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        parent == null ? null : HandoffId.of(parent),
        Instant.ofEpochMilli(rs.getLong(13)),
        instant(rs, 14),
        new HandoffStatus(text(rs, 15)));
  }

  /** Reads {@link #SUMMARY_COLUMNS}. */
  static HandoffSummary summary(ResultSet rs) throws SQLException {
    return new HandoffSummary(
        HandoffId.of(text(rs, 1)),
        text(rs, 2),
        tags(rs.getString(3)),
        text(rs, 4),
        rs.getString(5),
        rs.getString(6),
        Instant.ofEpochMilli(rs.getLong(7)),
        new HandoffStatus(text(rs, 8)));
  }

  /** Reads {@link #LOAD_COLUMNS}. */
  static LoadRecord load(ResultSet rs) throws SQLException {
    return new LoadRecord(
        HandoffId.of(text(rs, 1)),
        text(rs, 2),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)));
  }

  /**
   * The tags column as the existing tool writes it: compact JSON exactly as {@code JSON.stringify},
   * or NULL when none were given.
   */
  static @Nullable String tagsColumn(@Nullable List<String> tags) {
    return tags == null ? null : Json.compact(tags);
  }

  /**
   * The tags of a stored row: empty when the column is NULL, empty, or anything other than a JSON
   * array of strings (another tool may have written it). The row itself is left as it is.
   */
  static List<String> tags(@Nullable String column) {
    if (column == null || column.isEmpty()) {
      return List.of();
    }
    Object parsed;
    try {
      parsed = Json.parse(column);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (!(parsed instanceof List<?> items)) {
      return List.of();
    }
    List<String> tags = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof String tag)) {
        return List.of();
      }
      tags.add(tag);
    }
    return List.copyOf(tags);
  }

  /**
   * A NOT NULL text column. Hand-edited rows can still hold NULL in a TEXT PRIMARY KEY, so this
   * reads NULL as empty rather than failing the whole listing.
   */
  private static String text(ResultSet rs, int column) throws SQLException {
    String value = rs.getString(column);
    return value == null ? "" : value;
  }

  private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
