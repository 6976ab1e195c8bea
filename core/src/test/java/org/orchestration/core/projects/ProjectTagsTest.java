package org.orchestration.core.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.testing.TestEngine;

/** Project tags: one rule in core (count, length, normalisation) and the filtered list, on the real engine. */
class ProjectTagsTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static ProjectService projects;

    @BeforeAll
    static void start() {
        engine = TestEngine.startMultiUser(dir);
        projects = engine.services().projects();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void tagsAreTrimmedCollapsedAndDeduplicatedIgnoringCaseKeepingTheFirstSpelling() {
        User alice = engine.user(Role.USER);
        Project p = projects.create(alice, "Tagged", "");
        assertThat(p.tags()).isEmpty();

        Project tagged = projects.update(alice, p.id(), ProjectPatch.tags(List.of("  Research ", "client   work", "research")));

        assertThat(tagged.tags()).containsExactly("Research", "client work");
        assertThat(projects.get(alice, p.id()).tags()).containsExactly("Research", "client work");
        assertThat(projects.detail(alice, p.id()).tags()).containsExactly("Research", "client work");
        assertThat(projects.list(alice)).singleElement().satisfies(s -> assertThat(s.tags()).containsExactly("Research", "client work"));
    }

    @Test
    void aPatchWithoutTagsKeepsThemAndAnEmptyListClearsThem() {
        User alice = engine.user(Role.USER);
        Project p = projects.create(alice, "Keep", "");
        projects.update(alice, p.id(), ProjectPatch.tags(List.of("a", "b")));

        assertThat(projects.update(alice, p.id(), ProjectPatch.name("Renamed")).tags()).containsExactly("a", "b");
        assertThat(projects.update(alice, p.id(), ProjectPatch.tags(List.of())).tags()).isEmpty();
    }

    @Test
    void theListFiltersByTagIgnoringCaseAndOnlyAmongTheCallersProjects() {
        User alice = engine.user(Role.USER);
        User bob = engine.user(Role.USER);
        Project research = projects.create(alice, "Research one", "");
        Project other = projects.create(alice, "Other", "");
        Project bobs = projects.create(bob, "Bob's research", "");
        projects.update(alice, research.id(), ProjectPatch.tags(List.of("Research")));
        projects.update(alice, other.id(), ProjectPatch.tags(List.of("Chores")));
        projects.update(bob, bobs.id(), ProjectPatch.tags(List.of("research")));

        assertThat(projects.list(alice, "research")).extracting(ProjectSummary::id).containsExactly(research.id());
        assertThat(projects.list(alice, "  RESEARCH ")).extracting(ProjectSummary::id).containsExactly(research.id());
        assertThat(projects.list(alice, "nothing")).isEmpty();
        assertThat(projects.list(alice, null)).extracting(ProjectSummary::id).containsExactlyInAnyOrder(research.id(), other.id());
        assertThat(projects.list(alice, " ")).hasSize(2);
        User admin = engine.user(Role.ADMIN);
        assertThat(projects.list(admin, "research")).extracting(ProjectSummary::id)
                .contains(research.id(), bobs.id()).doesNotContain(other.id());
    }

    @Test
    void tagsAreBoundedInCountAndLengthWithAnErrorNamingTheField() {
        User alice = engine.user(Role.USER);
        Project p = projects.create(alice, "Bounded", "");
        List<String> eleven = IntStream.rangeClosed(1, Bounds.PROJECT_TAGS_MAX + 1).mapToObj(i -> "t" + i).toList();
        List<String> ten = eleven.subList(0, Bounds.PROJECT_TAGS_MAX);

        assertThat(projects.update(alice, p.id(), ProjectPatch.tags(ten)).tags()).hasSize(Bounds.PROJECT_TAGS_MAX);
        assertRefused(alice, p, eleven, "tags must have at most 10 entries (got 11).");
        assertRefused(alice, p, List.of("x".repeat(Bounds.TAG_MAX + 1)), "tags must be at most 30 characters (was 31).");
        assertRefused(alice, p, List.of("ok", " "), "tags must not be empty.");
        assertRefused(alice, p, List.of("a,b"), "A tag must not contain a comma (\"a,b\").");
        assertRefused(alice, p, List.of("line\u0007bell"), "tags must not contain control characters.");
        assertRefused(alice, p, Collections.singletonList(null), "tags must not be empty.");
        // ten spellings of the same tag are one tag
        List<String> sameTag = IntStream.range(0, Bounds.PROJECT_TAGS_MAX).mapToObj(i -> i % 2 == 0 ? "Same" : "same").toList();
        assertThat(projects.update(alice, p.id(), ProjectPatch.tags(sameTag)).tags()).containsExactly("Same");
        assertThat(Bounds.tags(List.of("x".repeat(Bounds.TAG_MAX)))).singleElement().asString().hasSize(Bounds.TAG_MAX);
    }

    @Test
    void anotherUsersProjectCannotBeTagged() {
        User alice = engine.user(Role.USER);
        User mallory = engine.user(Role.USER);
        Project p = projects.create(alice, "Mine", "");

        assertThatThrownBy(() -> projects.update(mallory, p.id(), ProjectPatch.tags(List.of("pwned"))))
                .isInstanceOfAny(NotFoundException.class, ForbiddenException.class);
        assertThat(projects.get(alice, p.id()).tags()).isEmpty();
    }

    private static void assertRefused(User actor, Project p, List<String> tags, String message) {
        List<String> before = projects.get(actor, p.id()).tags();
        assertThatThrownBy(() -> projects.update(actor, p.id(), ProjectPatch.tags(tags)))
                .isInstanceOf(ValidationException.class).hasMessage(message)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("tags"));
        assertThat(projects.get(actor, p.id()).tags()).isEqualTo(before);
    }
}
