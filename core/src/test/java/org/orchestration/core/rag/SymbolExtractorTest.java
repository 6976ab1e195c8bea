package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class SymbolExtractorTest {

    private final SymbolExtractor extractor = new SymbolExtractor();

    @Test
    void findsJavaTypesAndMethods() {
        String java = """
                package x;
                public final class OrderService {
                    public record Line(String sku) { }
                    sealed interface Shape permits Circle { }
                    enum Color { RED }
                    public List<Order> findOrders(String customer) {
                        if (customer == null) {
                            return List.of();
                        }
                        return repo.find(customer);
                    }
                }
                """;
        List<Symbol> symbols = extractor.extract(java, "java");
        assertThat(symbols).extracting(Symbol::name).containsExactly("OrderService", "Line", "Shape", "Color", "findOrders");
        assertThat(symbols).extracting(Symbol::kind).containsExactly("class", "record", "interface", "enum", "method");
        assertThat(symbols.get(4).signature()).isEqualTo("public List<Order> findOrders(String customer)");
        assertThat(symbols.get(4).line()).isEqualTo(6);
    }

    @Test
    void findsPythonDefsAndClasses() {
        List<Symbol> symbols = extractor.extract("class Parser:\n    def parse(self, s):\n        pass\n\nasync def main():\n    pass\n", "python");
        assertThat(symbols).extracting(Symbol::name).containsExactly("Parser", "parse", "main");
        assertThat(symbols).extracting(Symbol::line).containsExactly(1, 2, 5);
    }

    @Test
    void findsTypeScriptDeclarations() {
        String ts = """
                export interface User { id: string }
                export type Id = string;
                export class Store {}
                export async function load(id: Id) {}
                export const save = async (u: User) => {};
                """;
        assertThat(extractor.extract(ts, "typescript")).extracting(Symbol::name, Symbol::kind)
                .containsExactly(Tuple.tuple("User", "interface"),
                        Tuple.tuple("Id", "type"),
                        Tuple.tuple("Store", "class"),
                        Tuple.tuple("load", "function"),
                        Tuple.tuple("save", "function"));
    }

    @Test
    void findsGoFuncsAndTypes() {
        String go = "package main\n\ntype Server struct {\n}\n\ntype Handler interface {\n}\n\nfunc (s *Server) Start() error {\n}\n\nfunc main() {\n}\n";
        assertThat(extractor.extract(go, "go")).extracting(Symbol::name, Symbol::kind)
                .containsExactly(Tuple.tuple("Server", "struct"),
                        Tuple.tuple("Handler", "interface"),
                        Tuple.tuple("Start", "method"),
                        Tuple.tuple("main", "function"));
    }

    @Test
    void otherLanguagesYieldNothing() {
        assertThat(extractor.extract("class X {}", "rust")).isEmpty();
    }
}
