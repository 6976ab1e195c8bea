package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.KnowledgeProgress;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.testing.FakeEmbedder;
import org.orchestration.core.testing.RecordingEvents;
import org.orchestration.core.testing.TestDb;

class KnowledgeBaseServiceTest {

    @TempDir
    Path dir;
    Path folder;
    Database db;
    ExecutorService executor;
    FakeEmbedder embedder;
    RecordingEvents events;
    IndexCache cache;
    KnowledgeRoots roots;
    KnowledgeBaseService service;
    User alice;
    User bob;
    User admin;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDb.open(dir);
        folder = Files.createDirectories(dir.resolve("docs"));
        executor = Executors.newSingleThreadExecutor();
        embedder = new FakeEmbedder();
        events = new RecordingEvents();
        cache = new IndexCache(KnowledgeBaseService.indexLoader(db), Clock.systemUTC());
        SettingsStore settings = new SettingsStore(db, Clock.systemUTC());
        settings.put(KnowledgeRoots.ALLOWED_ROOTS_KEY, List.of(folder.toRealPath().toString()));
        roots = new KnowledgeRoots(settings, dir.resolve("data"), dir.resolve("config"));
        service = new KnowledgeBaseService(db, embedder, events, executor, cache, Clock.systemUTC(), 100_000, roots);
        admin = TestDb.insertUser(db, Role.ADMIN);
        alice = TestDb.insertUser(db, Role.USER);
        bob = TestDb.insertUser(db, Role.USER);
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        db.close();
    }

    private IndexReport reindex(KnowledgeBase kb) throws Exception {
        return service.reindex(alice, kb.id(), IndexProgressListener.NONE, CancellationToken.none()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void createRecordsTheConfiguredEmbedder() {
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        assertThat(kb.embeddingModel()).isEqualTo("fake:bag-of-words");
        assertThat(kb.embeddingDims()).isEqualTo(FakeEmbedder.DIMS);
        assertThat(kb.status()).isEqualTo(KbStatus.EMPTY);
        assertThat(service.get(alice, kb.id())).isEqualTo(kb);
    }

    @Test
    void createRefusesAMissingFolderNamingTheField() {
        assertThatThrownBy(() -> service.create(alice, "Docs", dir.resolve("nope").toString()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).hasValue("folder"));
    }

    @Test
    void createRefusesAFileInsteadOfAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertThatThrownBy(() -> service.create(alice, "Docs", file.toString())).isInstanceOf(ValidationException.class);
    }

    @Test
    void createRefusesABlankName() {
        assertThatThrownBy(() -> service.create(alice, " ", folder.toString()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).hasValue("name"));
    }

    @Test
    void usersSeeOnlyTheirOwnBasesAndAdminsSeeAll() {
        KnowledgeBase a = service.create(alice, "A", folder.toString());
        KnowledgeBase b = service.create(bob, "B", folder.toString());
        assertThat(service.list(alice)).containsExactly(a);
        assertThat(service.list(admin)).containsExactly(a, b);
        assertThatThrownBy(() -> service.get(bob, a.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.delete(bob, a.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.reindex(bob, a.id(), null, CancellationToken.none())).isInstanceOf(ForbiddenException.class);
        assertThat(service.get(admin, a.id())).isEqualTo(a);
    }

    @Test
    void unknownBaseIsNotFound() {
        assertThatThrownBy(() -> service.get(alice, "missing")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void reindexStoresChunksSymbolsAndMarksReady() throws Exception {
        Files.writeString(folder.resolve("guide.md"), "# Guide\nHow to install.\n\n## Usage\nRun it.\n");
        Files.writeString(folder.resolve("Main.java"), "public class Main {\n  public static void main(String[] a) {\n  }\n}\n");
        Files.write(folder.resolve("blob.txt"), new byte[] {1, 0, 2, 0});
        Files.writeString(folder.resolve("image.png"), "not indexed");
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());

        IndexReport report = reindex(kb);

        assertThat(report.status()).isEqualTo(KbStatus.READY);
        assertThat(report.filesTotal()).isEqualTo(3);
        assertThat(report.indexed()).isEqualTo(2);
        assertThat(report.skipped()).singleElement().asString().contains("blob.txt", "binary");
        assertThat(service.get(alice, kb.id()).status()).isEqualTo(KbStatus.READY);
        assertThat(service.get(alice, kb.id()).lastIndexedAt()).isNotNull();
        assertThat(db.queryLong("SELECT count(*) FROM chunks WHERE kb_id = ?", kb.id())).isEqualTo(report.chunks()).isGreaterThanOrEqualTo(3);
        assertThat(db.query("SELECT name FROM symbols WHERE kb_id = ? ORDER BY line", rs -> rs.getString(1), kb.id()))
                .containsExactly("Main", "main");
        byte[] blob = db.queryOne("SELECT embedding FROM chunks LIMIT 1", rs -> rs.getBytes(1)).orElseThrow();
        assertThat(blob).hasSize(FakeEmbedder.DIMS * 4);
    }

    @Test
    void reindexSkipsUnchangedReplacesChangedAndRemovesDeletedFiles() throws Exception {
        Files.writeString(folder.resolve("a.md"), "# A\nalpha text\n");
        Files.writeString(folder.resolve("b.md"), "# B\nbeta text\n");
        Files.writeString(folder.resolve("c.md"), "# C\ngamma text\n");
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        reindex(kb);
        int embeddedAfterFirst = embedder.textsEmbedded();

        Files.writeString(folder.resolve("b.md"), "# B\nbeta text changed\n");
        Files.delete(folder.resolve("c.md"));
        IndexReport second = reindex(kb);

        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.indexed()).isEqualTo(1);
        assertThat(second.removed()).isEqualTo(1);
        assertThat(embedder.textsEmbedded() - embeddedAfterFirst).isEqualTo(1);
        assertThat(db.query("SELECT path FROM documents WHERE kb_id = ? ORDER BY path", rs -> rs.getString(1), kb.id()))
                .containsExactly("a.md", "b.md");
        assertThat(db.query("SELECT text FROM chunks WHERE kb_id = ? ORDER BY text", rs -> rs.getString(1), kb.id()))
                .containsExactly("# A\nalpha text", "# B\nbeta text changed");
        // the FTS index follows the chunks table: the old text is gone from it
        assertThat(db.queryLong("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH '\"gamma\"'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH '\"changed\"'")).isEqualTo(1);
    }

    @Test
    void reindexReportsProgressToTheListenerAndAsEvents() throws Exception {
        for (int i = 0; i < 4; i++) {
            Files.writeString(folder.resolve("f" + i + ".txt"), "file number " + i);
        }
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        List<IndexProgress> seen = new CopyOnWriteArrayList<>();
        service.reindex(alice, kb.id(), seen::add, CancellationToken.none()).get(30, TimeUnit.SECONDS);

        assertThat(seen).extracting(IndexProgress::filesDone).containsExactly(0, 1, 2, 3, 4, 4);
        assertThat(seen).allSatisfy(p -> assertThat(p.filesTotal()).isEqualTo(4));
        assertThat(seen.get(seen.size() - 1).status()).isEqualTo(KbStatus.READY);
        // events are throttled (stored rows): at least the first and the final one, never more than the listener saw
        List<KnowledgeProgress> progress = events.ofType(KnowledgeProgress.class);
        assertThat(progress.size()).isBetween(2, seen.size());
        assertThat(progress.get(0).filesDone()).isZero();
        assertThat(progress).last().satisfies(e -> assertThat(e.status()).isEqualTo("READY"));
        assertThat(progress).allSatisfy(e -> {
            assertThat(e.projectId()).isNull();
            assertThat(e.kbId()).isEqualTo(kb.id());
            assertThat(e.filesTotal()).isEqualTo(4);
        });
    }

    @Test
    void cancelStopsIndexingAndMarksTheBaseCancelled() throws Exception {
        for (int i = 0; i < 20; i++) {
            Files.writeString(folder.resolve(String.format("f%02d.txt", i)), "file number " + i);
        }
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        CancellationToken cancel = new CancellationToken();
        IndexReport report = service.reindex(alice, kb.id(), p -> {
            if (p.filesDone() == 3) {
                cancel.cancel();
            }
        }, cancel).get(30, TimeUnit.SECONDS);

        assertThat(report.status()).isEqualTo(KbStatus.CANCELLED);
        assertThat(service.get(alice, kb.id()).status()).isEqualTo(KbStatus.CANCELLED);
        assertThat(db.queryLong("SELECT count(*) FROM documents WHERE kb_id = ?", kb.id())).isEqualTo(3);
        assertThat(service.isIndexing(kb.id())).isFalse();
    }

    @Test
    void baseBuiltWithAnotherEmbedderRefusesReindex() {
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        KnowledgeBaseService other = new KnowledgeBaseService(db, new FakeEmbedder("fake:other"), events, executor, cache,
                Clock.systemUTC(), 100_000, roots);
        assertThatThrownBy(() -> other.reindex(alice, kb.id(), null, CancellationToken.none()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("fake:bag-of-words").hasMessageContaining("fake:other");
    }

    @Test
    void deleteRemovesTheBaseAndItsIndex() throws Exception {
        Files.writeString(folder.resolve("a.md"), "# A\nalpha\n");
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        reindex(kb);
        cache.get(kb.id());
        service.delete(alice, kb.id());
        assertThat(service.list(alice)).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM chunks")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH '\"alpha\"'")).isZero();
        assertThat(cache.state(kb.id())).isInstanceOf(IndexCache.Unloaded.class);
    }

    @Test
    void pdfFilesAreIndexedThroughPdfBox() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(
                        Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("Quarterly revenue grew strongly");
                cs.endText();
            }
            doc.save(folder.resolve("report.pdf").toFile());
        }
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        reindex(kb);
        assertThat(db.query("SELECT text FROM chunks WHERE kb_id = ?", rs -> rs.getString(1), kb.id()))
                .singleElement().asString().contains("Quarterly revenue grew strongly");
    }

    @Test
    void interruptedIndexingIsMarkedFailedAtStart() {
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        db.update("UPDATE knowledge_bases SET status = 'INDEXING' WHERE id = ?", kb.id());
        assertThat(service.recoverInterrupted()).isEqualTo(1);
        assertThat(service.get(alice, kb.id()).status()).isEqualTo(KbStatus.FAILED);
    }

    @Test
    void aFolderThatDisappearedFailsTheReindexWithAClearReason() throws Exception {
        Path gone = Files.createDirectories(folder.resolve("gone"));
        KnowledgeBase kb = service.create(alice, "Gone", gone.toString());
        Files.delete(gone);
        IndexReport report = reindex(kb);
        assertThat(report.status()).isEqualTo(KbStatus.FAILED);
        assertThat(service.get(alice, kb.id()).lastError()).contains("no longer exists");
    }

    @Test
    void reindexInvalidatesTheCachedIndexSoSearchSeesNewContent() throws Exception {
        Files.writeString(folder.resolve("a.md"), "# A\nalpha\n");
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        reindex(kb);
        assertThat(cache.get(kb.id()).size()).isEqualTo(1);
        Files.writeString(folder.resolve("b.md"), "# B\nbeta\n");
        reindex(kb);
        assertThat(cache.state(kb.id())).isInstanceOf(IndexCache.Unloaded.class);
        assertThat(cache.get(kb.id()).size()).isEqualTo(2);
    }

    @Test
    void aLinkLeadingOutOfTheFolderIsSkippedAndCountedWhileALinkWithinItIsIndexed() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.md"), "# Secret\nsigning key\n");
        Files.writeString(folder.resolve("a.md"), "# A\nalpha\n");
        Files.createSymbolicLink(folder.resolve("leak.md"), outside);
        Files.createSymbolicLink(folder.resolve("alias.md"), folder.resolve("a.md"));
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());

        IndexReport report = reindex(kb);

        assertThat(report.indexed()).isEqualTo(2);
        assertThat(report.skipped()).singleElement().asString().contains("leak.md", "outside the folder");
        assertThat(db.queryLong("SELECT count(*) FROM documents WHERE kb_id = ? AND path = 'leak.md'", kb.id())).isZero();
    }

    @Test
    void aBaseMadeBeforeTheRuleOverTheDataFolderIsRefusedOnReindex() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        KnowledgeBase kb = service.create(alice, "Docs", folder.toString());
        db.update("UPDATE knowledge_bases SET root_path = ? WHERE id = ?", data.toString(), kb.id());

        assertThatThrownBy(() -> reindex(kb))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("folder"))
                .hasMessageContaining("is not indexed again");
        assertThat(service.get(alice, kb.id()).status()).isEqualTo(KbStatus.EMPTY);
    }

    @Test
    void aUsersOwnKnowledgeFolderIsCreatedOwnerOnlyAndIndexable() throws Exception {
        Path own = service.ownFolder(alice);
        assertThat(own).isEqualTo(dir.resolve("data").resolve("knowledge").resolve(alice.id()).toRealPath());
        if (own.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rwx------");
        }
        assertThat(service.create(alice, "Mine", own.toString()).rootPath()).isEqualTo(own.toString());
        assertThatThrownBy(() -> service.create(bob, "Theirs", own.toString())).isInstanceOf(ValidationException.class);
    }
}
