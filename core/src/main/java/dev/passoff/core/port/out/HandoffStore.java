package dev.passoff.core.port.out;

import dev.passoff.core.model.ExportedHandoff;
import dev.passoff.core.model.Handoff;
import dev.passoff.core.model.HandoffId;
import dev.passoff.core.model.HandoffStatus;
import dev.passoff.core.model.HandoffSummary;
import dev.passoff.core.model.ImportReport;
import dev.passoff.core.model.LoadRecord;
import dev.passoff.core.model.LoadStamp;
import dev.passoff.core.model.NewHandoff;
import dev.passoff.core.model.ProjectScope;
import dev.passoff.core.model.SearchHit;
import dev.passoff.core.model.StatusFilter;
import dev.passoff.core.model.StoreReport;
import dev.passoff.core.model.ThreadDirection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable storage of handoffs and their load history.
 *
 * <p>Ordering everywhere: newest first means {@code createdAt} descending, then insertion order
 * descending (of two handoffs created in the same millisecond, the one stored later comes first).
 * Every method is atomic: it either completes whole or changes nothing. Failures of the storage
 * itself surface as {@link dev.passoff.core.error.StoreUnavailableException}.
 */
public interface HandoffStore extends AutoCloseable {

  /**
   * Stores a new handoff with status {@code open} and no receiver, under an id drawn from {@code
   * ids}. If the drawn id is already taken, draws again, up to 3 retries, within one transaction.
   *
   * @return the stored handoff
   * @throws dev.passoff.core.error.NotFoundException {@code parent_id not found: <id>} when the
   *     parent is set and no handoff has that id (in any project); nothing is stored
   */
  Handoff create(NewHandoff handoff, IdSource ids);

  /** Returns the handoff with this id, without changing anything. */
  Optional<Handoff> find(HandoffId id);

  /**
   * Loads the handoff with this id: the receiver fields and {@code loadedAt} are overwritten from
   * the stamp, status becomes {@code loaded} unless it is {@code archived} (then it stays), and one
   * load record is appended, all in one transaction.
   *
   * @return the handoff as stored after the load, or empty when no handoff has this id
   */
  Optional<Handoff> loadById(HandoffId id, LoadStamp stamp);

  /**
   * Loads (as {@link #loadById}) the newest handoff whose status is {@code open} or {@code loaded}
   * within the scope. Choosing and stamping happen in one transaction.
   *
   * @return the loaded handoff, or empty when the scope holds no active handoff
   */
  Optional<Handoff> loadLatest(ProjectScope scope, LoadStamp stamp);

  /** Returns at most {@code limit} summaries in the scope with a matching status, newest first. */
  List<HandoffSummary> list(ProjectScope scope, StatusFilter status, int limit);

  /**
   * Full-text search over title, content and tags, in every status. Each term is matched literally
   * as a token sequence (case and diacritics ignored, punctuation separating tokens); all terms
   * must match. No term has operator meaning, and no input raises a syntax error. Results are
   * ranked best first, ties newest first. The snippet comes from the content with matched tokens in
   * {@code [} {@code ]} and {@code …} where text is cut; a handoff that matches only in its title
   * or tags gets the start of its content without brackets.
   *
   * @param terms one or more non-blank terms
   */
  List<SearchHit> search(List<String> terms, ProjectScope scope, int limit);

  /**
   * Walks the lineage around an anchor: its ancestors root first, the anchor, then its descendants
   * breadth first, level by level, where a level follows the order of the parents and the children
   * of one parent go oldest first (ties in insertion order). Missing parents end the walk; cycles
   * end it too, and each handoff appears once. One query per direction.
   *
   * @return the chain, or empty when the anchor does not exist
   */
  Optional<List<Handoff>> thread(HandoffId anchor, ThreadDirection direction);

  /**
   * Sets the status of one handoff, leaving every other field as it is. Setting the status it
   * already has succeeds.
   *
   * @return the updated summary, or empty when no handoff has this id
   */
  Optional<HandoffSummary> setStatus(HandoffId id, HandoffStatus status);

  /** Counts the {@code open} handoffs of one project. */
  long countOpen(String project);

  /**
   * Archives every {@code open} handoff of one project; {@code loaded} ones stay.
   *
   * @return how many were archived
   */
  int archiveOpen(String project);

  /**
   * Deletes a handoff and its load history.
   *
   * @param reparent when the handoff has children: attach them to its parent (or make them roots)
   *     and delete, in one transaction
   * @throws dev.passoff.core.error.NotFoundException when no handoff has this id
   * @throws dev.passoff.core.error.ConflictException when it has children and {@code reparent} is
   *     false; nothing changes
   */
  void delete(HandoffId id, boolean reparent);

  /** The load history of one handoff, oldest first; empty for an unknown id. */
  List<LoadRecord> loads(HandoffId id);

  /**
   * Passes every handoff with its load history to {@code sink}, oldest first (parents before their
   * children when their times allow), without changing anything.
   */
  void exportAll(Consumer<ExportedHandoff> sink);

  /**
   * Adds the given handoffs with their ids, times, stamps and load histories, in one transaction. A
   * handoff whose id is already stored is skipped and left untouched. Parents must come before
   * their children, or already be stored.
   *
   * @throws dev.passoff.core.error.ValidationException when a parent is neither stored nor earlier
   *     in the list; nothing is imported
   */
  ImportReport importAll(List<ExportedHandoff> handoffs);

  /** Describes the store and runs its own health checks, without changing anything. */
  StoreReport inspect();

  /**
   * Rebuilds any derived search index from the stored handoffs.
   *
   * @return the number of handoffs indexed
   */
  long rebuildIndex();

  /** Releases connections and files; further calls fail. Never throws. */
  @Override
  void close();
}
