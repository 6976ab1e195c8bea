package org.orchestration.core.rag;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever text a user or model sends, the MATCH expression FtsQuery builds is valid FTS5. */
class FtsQueryPropertyTest {

    private static Connection connection;

    @BeforeContainer
    static void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE t USING fts5(text)");
            s.execute("INSERT INTO t (text) VALUES ('alpha beta'), ('snake_case 100% done'), ('say \"hi\" OR NEAR(x)')");
        }
    }

    @AfterContainer
    static void close() throws SQLException {
        connection.close();
    }

    @Property(tries = 500)
    void anyInputYieldsAValidMatchExpression(@ForAll String input) throws SQLException {
        Optional<String> match = FtsQuery.build(input);
        if (match.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM t WHERE t MATCH ?")) {
            ps.setString(1, match.get());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    @Property(tries = 300)
    void operatorSoupYieldsAValidMatchExpression(@ForAll("operatorSoup") String input) throws SQLException {
        anyInputYieldsAValidMatchExpression(input);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> operatorSoup() {
        return net.jqwik.api.Arbitraries.of("AND", "OR", "NOT", "NEAR(", "NEAR", ")", "(", "\"", "*", "^", "+", "-", ":",
                        "{", "}", ",", ".", "a", "b", "title:x", "%", "_", " ", "\u0000", "é", "'")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
    }
}
